// Swagger UI over the Haven API's OpenAPI document (served by the Worker at /api/v1/docs).
// A file of its own, not an inline script, so the page's CSP can allow scripts from this origin only.
window.addEventListener("load", () => {
  window.ui = window.SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    tryItOutEnabled: false,
  });
});
