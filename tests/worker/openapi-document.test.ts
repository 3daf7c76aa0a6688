/**
 * The OpenAPI document (issue 14, item 1): served at /api/v1/openapi.json, generated from the
 * routes, and complete. Every route of the app (read from the Hono app, so a new endpoint is
 * checked the day it ships) must be in it with a summary, its successful responses and their
 * schemas, its input (from the validators), its security when it needs a token, and the unified
 * error body for its errors. Whether each answer matches its declared schema is the contract
 * test's job (openapi-contract.test.ts).
 */
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { DOCS_CSP } from "../../worker/middleware/security-headers";
import { call } from "./helpers";

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { in: string; name: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown }>; $ref?: string }>;
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, unknown>;
    securitySchemes: Record<string, unknown>;
    responses: Record<string, unknown>;
  };
}

const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, "{$1}");

/** Every endpoint of the app: `METHOD path` (middleware, method ALL, left out). */
const ROUTES = [...new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`))].map(
  (route) => {
    const [method = "", path = ""] = route.split(" ");
    return { method, path };
  },
);

async function document(): Promise<Document> {
  const res = await call("/api/v1/openapi.json");
  expect(res.status).toBe(200);
  return (await res.json()) as Document;
}

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document of this API, with the unified error body and the token scheme", async () => {
    const doc = await document();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBe("Haven API");
    expect(doc.components.securitySchemes).toHaveProperty("bearerAuth");
    expect(doc.components.schemas).toHaveProperty("Error");
    expect(doc.components.responses).toHaveProperty("Error");
  });

  it("answers without a token, with the API's security headers", async () => {
    const res = await call("/api/v1/openapi.json");
    expect(res.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    expect(res.headers.get("Content-Type")).toContain("application/json");
  });

  it("has every route of the app, and nothing the app does not serve", async () => {
    const doc = await document();
    const missing = ROUTES.filter(({ method, path }) => !doc.paths[toOpenApiPath(path)]?.[method.toLowerCase()]);
    expect(missing).toEqual([]);
    const served = new Set(ROUTES.map(({ method, path }) => `${method.toLowerCase()} ${toOpenApiPath(path)}`));
    const extra = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .map((method) => `${method} ${path}`)
        .filter((op) => !served.has(op)),
    );
    expect(extra).toEqual([]);
  });

  it.each(ROUTES)(
    "$method $path: summary, successful responses with schemas, input, security, errors",
    async ({ method, path }) => {
      const doc = await document();
      const op = doc.paths[toOpenApiPath(path)]?.[method.toLowerCase()];
      expect(op, "the operation is in the document").toBeDefined();
      if (!op) return;
      expect(op.summary, "a summary for people (operation({ summary }) on the route)").toMatch(/\S/);
      expect(op.operationId).toMatch(/^[a-z]+[A-Za-z0-9]+$/);
      const successes = Object.entries(op.responses).filter(([status]) => /^[23]\d\d$/.test(status));
      expect(successes.length, "at least one successful response is declared").toBeGreaterThan(0);
      for (const [status, response] of successes) {
        expect(response.description, `${status} has a description`).toMatch(/\S/);
        for (const [media, content] of Object.entries(response.content ?? {})) {
          expect(content.schema, `${status} ${media} has a schema`).toBeDefined();
        }
      }
      // Path parameters are declared, each required.
      for (const name of [...path.matchAll(/:(\w+)/g)].map((m) => m[1])) {
        const param = op.parameters?.find((p) => p.in === "path" && p.name === name);
        expect(param?.required, `path parameter ${name}`).toBe(true);
      }
      // Errors: the unified body, always.
      expect(op.responses.default?.$ref).toBe("#/components/responses/Error");
      expect(op.responses["500"]?.content?.["application/json"]?.schema).toEqual({
        $ref: "#/components/schemas/Error",
      });
    },
  );

  it("declares the bearer token on routes that need one and not on those that do not", async () => {
    const doc = await document();
    const secured = (p: string, m: string) => (doc.paths[p]?.[m]?.security ?? []).length > 0;
    expect(secured("/api/v1/habits", "get")).toBe(true);
    expect(secured("/api/v1/staff/patients", "get")).toBe(true);
    expect(secured("/api/v1/me", "get")).toBe(true);
    expect(secured("/api/v1/auth/login", "post")).toBe(false);
    expect(secured("/api/v1/health", "get")).toBe(false);
    expect(doc.paths["/api/v1/staff/patients"]?.get?.["x-roles" as keyof Operation]).toEqual(
      expect.arrayContaining(["therapist", "clinician"]),
    );
  });

  it("describes a request body from the schema that validates it", async () => {
    const doc = await document();
    const body = doc.paths["/api/v1/habits"]?.post?.requestBody?.content["application/json"]?.schema as {
      properties?: Record<string, unknown>;
      required?: string[];
      additionalProperties?: boolean;
    };
    expect(body.properties).toHaveProperty("name");
    expect(body.required).toContain("name");
    expect(body.additionalProperties).toBe(false);
  });
});

describe("GET /api/v1/docs", () => {
  it("is Swagger UI over the document, from this origin only, under its own CSP", async () => {
    const res = await call("/api/v1/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/html");
    expect(res.headers.get("Content-Security-Policy")).toBe(DOCS_CSP);
    expect(DOCS_CSP).toContain("script-src 'self';");
    expect(DOCS_CSP).not.toMatch(/script-src[^;]*(unsafe|https?:)/);
    const html = await res.text();
    expect(html).toContain('src="/api-docs/swagger-ui-bundle.js"');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    expect(html).toContain("/api/v1/openapi.json");
  });

  it("keeps the API's strict CSP on every other answer, even one that sets its own", async () => {
    const res = await call("/api/v1/health");
    expect(res.headers.get("Content-Security-Policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
  });
});
