import { type Hono, Hono as Router } from "hono";
import type { OpenAPIV3_1 } from "openapi-types";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { json, openApiDocument, operation, text } from "../lib/openapi";
import { DOCS_CSP } from "../middleware/security-headers";

/**
 * The page at /api/v1/docs: Swagger UI over /api/v1/openapi.json. Its script and style are
 * static files of this deployment (pwa/dist/api-docs/, copied from swagger-ui-dist at build),
 * under a CSP of its own (DOCS_CSP): scripts from this origin only, nothing inline, no CDN.
 */
const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Haven API</title>
<link rel="stylesheet" href="/api-docs/swagger-ui.css">
</head>
<body>
<main id="swagger-ui"><p>Loading the Haven API reference… The document itself is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p></main>
<script src="/api-docs/swagger-ui-bundle.js"></script>
<script src="/api-docs/init.js"></script>
</body>
</html>
`;

/** What GET /api/v1/openapi.json answers: an OpenAPI 3.1 document (its parts are JSON Schema). */
const openApiDocumentSchema = z.looseObject({
  openapi: z.literal("3.1.0"),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.looseObject({}))),
  components: z.looseObject({}),
});

/** /api/v1/openapi.json and /api/v1/docs: the API's contract, for programs and for people. */
export function apiDocs(app: Hono<AppEnv>): Hono<AppEnv> {
  // Built once per isolate, on first request (the routes are all registered by then).
  let document: Promise<OpenAPIV3_1.Document> | undefined;
  const built = () => {
    document ??= openApiDocument(app).catch((err: unknown) => {
      document = undefined;
      throw err;
    });
    return document;
  };
  return new Router<AppEnv>()
    .get(
      "/openapi.json",
      operation({
        summary: "This API's OpenAPI 3.1 document",
        description: "Generated from the routes and the zod schemas that validate each request and shape each answer.",
        responses: { 200: json(openApiDocumentSchema, "The document") },
      }),
      async (c) => c.json(await built()),
    )
    .get(
      "/docs",
      operation({
        summary: "The API reference for people (Swagger UI over the OpenAPI document)",
        responses: { 200: text("text/html", "An HTML page") },
      }),
      (c) => {
        c.header("Content-Security-Policy", DOCS_CSP);
        return c.html(DOCS_PAGE);
      },
    );
}
