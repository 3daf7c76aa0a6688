/**
 * The PWA's client contract (shared/api/contract.ts) is the Worker's contract (issue 14, item 3):
 * the table the browser's typed client is built from is turned into an OpenAPI document by the
 * Worker's own generator (lib/openapi.ts), and every entry must match the served operation:
 * its JSON body, its query and path parameters, and each successful answer's media types and
 * schemas, with no success the table leaves out. A route whose schema changes on one side only
 * fails here, so the PWA cannot type an answer the Worker no longer gives.
 */
import { Hono, type MiddlewareHandler } from "hono";
import { describe, expect, it } from "vitest";
import { API_CONTRACT, type Content, type OperationContract } from "../../shared/api/contract";
import type { AppEnv } from "../../worker/app-env";
import { json, noBody, openApiDocument, operation, text } from "../../worker/lib/openapi";
import { jsonBody, pathParams, queryParams } from "../../worker/lib/validate";
import { call } from "./helpers";

interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, unknown> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

const toOpenApiPath = (path: string) => `/api/v1${path.replace(/:(\w+)/g, "{$1}")}`;

/** An answer's content as the Worker's helpers describe it. */
function responseOf(content: Content) {
  const entries = Object.entries(content);
  if (entries.length === 0) return noBody("-");
  return {
    description: "-",
    content: Object.assign(
      {},
      ...entries.map(([media, schema]) => (schema === "text" ? text(media, "-") : json(schema, "-", media)).content),
    ),
  };
}

/** A Hono app with the contract's routes, described as the Worker's routes are. */
function contractApp(contract: Record<string, Partial<Record<string, OperationContract>>>): Hono<AppEnv> {
  const app = new Hono<AppEnv>().basePath("/api/v1");
  for (const [path, methods] of Object.entries(contract)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!op) continue;
      const responses = Object.fromEntries(
        Object.entries(op.responses).map(([status, content]) => [status, responseOf(content)]),
      );
      const handlers: MiddlewareHandler<AppEnv>[] = [operation({ summary: "-", responses })];
      if (op.param) handlers.push(pathParams(op.param) as MiddlewareHandler<AppEnv>);
      if (op.query) handlers.push(queryParams(op.query) as MiddlewareHandler<AppEnv>);
      if (op.json) handlers.push(jsonBody(op.json) as MiddlewareHandler<AppEnv>);
      app.on([method.toUpperCase()], [path], ...handlers, (c) => c.body(null, 204));
    }
  }
  return app;
}

/** Replaces every `$ref` into components.schemas by the schema itself, so two documents compare by content. */
function inline(value: unknown, doc: Document): unknown {
  if (Array.isArray(value)) return value.map((v) => inline(v, doc));
  if (value === null || typeof value !== "object") return value;
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref === "string" && ref.startsWith("#/components/schemas/")) {
    return inline(doc.components?.schemas?.[ref.slice("#/components/schemas/".length)], doc);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inline(v, doc)]));
}

const byPlace = (a: { in: string; name: string }, b: { in: string; name: string }) =>
  `${a.in}:${a.name}`.localeCompare(`${b.in}:${b.name}`);

/** What must agree: the input, and each success the contract declares, and which successes there are. */
function shapeOf(op: Operation, doc: Document) {
  const successes = Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s));
  return inline(
    {
      parameters: [...(op.parameters ?? [])].sort(byPlace),
      requestBody: op.requestBody ?? null,
      successes: Object.fromEntries(successes.map((s) => [s, op.responses[s]?.content ?? null])),
    },
    doc,
  );
}

async function servedDocument(): Promise<Document> {
  const res = await call("/api/v1/openapi.json");
  expect(res.status).toBe(200);
  return (await res.json()) as Document;
}

/** The contract's entries that differ from the served document, each as `METHOD path`. */
async function mismatches(contract: Record<string, Partial<Record<string, OperationContract>>>, served: Document) {
  const mine = (await openApiDocument(contractApp(contract))) as unknown as Document;
  const wrong: string[] = [];
  for (const [path, methods] of Object.entries(contract)) {
    for (const method of Object.keys(methods)) {
      const theirs = served.paths[toOpenApiPath(path)]?.[method];
      const ours = mine.paths[toOpenApiPath(path)]?.[method];
      if (!theirs || !ours || JSON.stringify(shapeOf(ours, mine)) !== JSON.stringify(shapeOf(theirs, served))) {
        wrong.push(`${method.toUpperCase()} ${path}`);
      }
    }
  }
  return wrong;
}

describe("the PWA's client contract", () => {
  it("matches the served OpenAPI document, entry by entry", async () => {
    const served = await servedDocument();
    const entries = Object.values(API_CONTRACT).flatMap((methods) => Object.keys(methods));
    expect(entries.length).toBeGreaterThan(25);
    expect(await mismatches(API_CONTRACT, served)).toEqual([]);
  });

  it("fails on an entry whose answer, input or successes differ from the Worker's", async () => {
    const served = await servedDocument();
    const me = API_CONTRACT["/me"];
    const login = API_CONTRACT["/auth/login"];
    const wrongAnswer = { "/me": { get: { responses: login.post.responses } } };
    const wrongInput = { "/me": { patch: { ...me.patch, json: login.post.json } } };
    const missingQuery = { "/sync/pull": { get: { ...API_CONTRACT["/sync/pull"].get, query: undefined } } };
    const extraSuccess = { "/me": { get: { responses: { ...me.get.responses, 201: me.get.responses[200] } } } };
    const unknownRoute = { "/me/nothing": { get: me.get } };
    expect(await mismatches(wrongAnswer, served)).toEqual(["GET /me"]);
    expect(await mismatches(wrongInput, served)).toEqual(["PATCH /me"]);
    expect(await mismatches(missingQuery, served)).toEqual(["GET /sync/pull"]);
    expect(await mismatches(extraSuccess, served)).toEqual(["GET /me"]);
    expect(await mismatches(unknownRoute, served)).toEqual(["GET /me/nothing"]);
  });
});
