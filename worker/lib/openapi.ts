/**
 * The API contract (issue 14): an OpenAPI 3.1 document generated from the routes themselves.
 *
 * - Request bodies, queries and path parameters come from the validators (lib/validate.ts), the
 *   same zod schemas that check each request, so the document cannot describe another input.
 * - Each operation declares its summary and its successful responses with `operation()`, a
 *   hono-openapi describeRoute whose schemas are the zod schemas the responses are built to
 *   (shared/schemas). The contract tests (tests/worker/openapi-*.test.ts) check every answer of
 *   every route against them.
 * - Who may call it comes from the auth middleware (security and roles), and every error is the
 *   unified body (shared/schemas/common.ts), for the statuses each operation can answer.
 */
import type { Hono } from "hono";
import { describeRoute, generateSpecs, resolver, uniqueSymbol } from "hono-openapi";
import type { OpenAPIV3_1 } from "openapi-types";
import type { z } from "zod";
import pkg from "../../package.json";
import { errorBodySchema, jsonSchemaOf } from "../../shared/schemas/common";
import type { AppEnv } from "../app-env";
import { SECURE_COOKIE } from "../auth/refresh-cookie";

type ResponseObject = OpenAPIV3_1.ResponseObject;

/** A JSON response of `schema` (zod), as an operation's successful answer. */
export function json(schema: z.ZodType, description = "OK", mediaType = "application/json"): ResponseObject {
  return { description, content: { [mediaType]: { schema: resolver(schema) as never } } };
}

/** A response with no body (204), or a body that is not JSON, described in words. */
export function noBody(description: string): ResponseObject {
  return { description };
}

/** A response whose body is not JSON: its media type and a JSON-less schema (text). */
export function text(mediaType: string, description: string): ResponseObject {
  return { description, content: { [mediaType]: { schema: { type: "string" } } } };
}

export interface OperationSpec {
  /** What it does, for a person: one line. */
  summary: string;
  description?: string;
  /** The successful answers by status (2xx; a redirect if any). Errors are added for every operation. */
  responses: Record<number, ResponseObject>;
}

/** Marks a route handler chain with its operation: summary and successful responses. */
export function operation(spec: OperationSpec) {
  return describeRoute({ summary: spec.summary, description: spec.description, responses: spec.responses });
}

/**
 * Adds a fragment of the operation to a middleware (say, the bearer-token check): hono-openapi
 * merges it into every operation the middleware guards.
 */
export function documents<T extends object>(middleware: T, spec: Record<string, unknown>): T {
  return Object.assign(middleware, { [uniqueSymbol]: { spec } });
}

/** Statuses every operation can answer with the unified error body, beyond its own. */
const COMMON_ERRORS: Record<string, string> = {
  "405": "The path exists for other methods (METHOD_NOT_ALLOWED, with an Allow header).",
  "413": "The request body is larger than 64 KiB (PAYLOAD_TOO_LARGE).",
  "429": "Too many requests (RATE_LIMITED).",
  "500": "Something went wrong on our side (INTERNAL); nothing internal is disclosed.",
  "503": "The service refuses to serve: misconfigured, or its database is unreachable.",
};

const ERROR_SCHEMA = { $ref: "#/components/schemas/Error" };

type Operation = OpenAPIV3_1.OperationObject & { "x-roles"?: string[] };

/** `/api/v1/staff/patients/{id}` → `staff` (the area, used as the tag); the contract itself is `docs`. */
function areaOf(path: string): string {
  const area = path.split("/")[3] ?? "api";
  return area === "openapi.json" ? "docs" : area;
}

/** `get /api/v1/staff/patients/{id}/notes` → `getStaffPatientsByIdNotes`. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1/, "")
    .split("/")
    .filter(Boolean)
    .map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      return (param ? `by-${param[1]}` : segment)
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join("");
    });
  return `${method}${words.join("") || "Root"}`;
}

/**
 * Completes each operation the generator found: a stable operationId, its area as the tag, the
 * error responses it can give (400 when it takes input, 401 when it needs a token, 403 when it
 * is for some roles, 404 when it addresses one thing, and the statuses every route can give),
 * each with the unified error body, and `default` (the unified body) for its domain rules.
 */
function finishOperations(paths: OpenAPIV3_1.PathsObject): void {
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, value] of Object.entries(item ?? {})) {
      const op = value as Operation;
      op.operationId = operationIdOf(method, path);
      op.tags = [areaOf(path)];
      const roles = op["x-roles"];
      op.responses ??= {};
      const responses = op.responses as Record<string, unknown>;
      const hasInput = op.requestBody !== undefined || (op.parameters?.length ?? 0) > 0;
      const errors: Record<string, string> = {
        ...(hasInput
          ? { "400": "The request is not valid (VALIDATION_FAILED with field paths, or MALFORMED_JSON)." }
          : {}),
        ...(op.security ? { "401": "No valid access token, or the session has ended." } : {}),
        ...(op.security
          ? { "403": `Not allowed${roles ? ` (this is for: ${roles.join(", ")})` : ""}, or refused by a rule.` }
          : {}),
        ...(path.includes("{") ? { "404": "Nothing with this id that you may see (NOT_FOUND)." } : {}),
        ...COMMON_ERRORS,
      };
      for (const [status, description] of Object.entries(errors)) {
        responses[status] ??= { description, content: { "application/json": { schema: ERROR_SCHEMA } } };
      }
      // Anything else (409, 422 and the like: each route's domain rules) is the error body too.
      responses.default ??= { $ref: "#/components/responses/Error" };
    }
  }
}

/** The Error schema as JSON Schema, from the zod schema the error handler's body satisfies. */
function errorJsonSchema(): OpenAPIV3_1.SchemaObject {
  return jsonSchemaOf(errorBodySchema) as OpenAPIV3_1.SchemaObject;
}

/** Builds the OpenAPI 3.1 document of `app` (every route under /api/v1). */
export async function openApiDocument(app: Hono<AppEnv>): Promise<OpenAPIV3_1.Document> {
  const spec = (await generateSpecs(app, {
    documentation: {
      info: {
        title: "Haven API",
        version: pkg.version,
        description:
          "The API of Haven, an offline-first mental-wellbeing companion. Every error is the unified body " +
          '`{ error: { code, message, requestId, fields? } }` with a stable code (docs/api.md, "Errors"). ' +
          "The app writes through POST /api/v1/sync/push; the other write routes run the same commands one at a time.",
      },
      servers: [{ url: "/", description: "This deployment" }],
      components: {
        securitySchemes: {
          bearerAuth: {
            type: "http",
            scheme: "bearer",
            bearerFormat: "JWT",
            description: "The 15-minute access token from POST /api/v1/auth/login (or /auth/refresh).",
          },
          refreshCookie: {
            type: "apiKey",
            in: "cookie",
            name: SECURE_COOKIE,
            description: "The rotating refresh token: an HttpOnly, SameSite=Strict cookie set at sign-in.",
          },
        },
      },
    },
    defaultValidationErrorResponse: false,
    excludeMethods: ["OPTIONS"],
    // Paths ending in a file name (/openapi.json, /fhir/jwks.json, /me/export/check-ins.csv) are
    // routes of this API, not static files.
    excludeStaticFile: false,
  })) as OpenAPIV3_1.Document;
  finishOperations(spec.paths ?? {});
  spec.components ??= {};
  const components = spec.components;
  components.schemas = { ...components.schemas, Error: errorJsonSchema() };
  components.responses = {
    ...components.responses,
    Error: {
      description: "The unified error body: a stable code, a message for people and the request id.",
      content: { "application/json": { schema: ERROR_SCHEMA } },
    },
  };
  return spec;
}
