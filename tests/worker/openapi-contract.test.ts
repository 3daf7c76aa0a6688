/**
 * The contract fuzz test (issue 14, item 2), driven by the OpenAPI document the API serves: for
 * every operation, fast-check generates inputs from the document's own schemas (path, query,
 * body), valid ones and ones broken in one place, and sends them as an anonymous caller and as
 * each role. The rules:
 * - no answer is ever a 5xx (but the companion's 503 COMPANION_NOT_CONFIGURED: the tests set up no model);
 * - every error is the unified body, and every success matches its declared status and schema
 *   (both checked by `call()`, tests/worker/contract-check.ts);
 * - an input that breaks the schema is never a success;
 * - a caller without a token gets 401 where the document declares the bearer token, and a role
 *   the operation is not for gets 403;
 * - enough valid input gets through that most read operations answer 2xx at least once (a
 *   generator that only ever produced rejected input would test nothing).
 *
 * Seeded (SEED + operation index, printed with the shrunk counterexample on failure), a few
 * requests per operation and caller, so it stays cheap enough for every `npm test`.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../shared/roles";
import { call, fastSession, fuzzCast, type Registered } from "./helpers";
import { brokenObject, type Components, type JsonSchema, resolve, valid, wrongType } from "./schema-arbitrary";

const SEED = 1_404_002;
const VALID_RUNS = 3;
const BROKEN_RUNS = 3;

type Actor = "anon" | Role;
const ACTORS: Actor[] = ["anon", "patient", "therapist", "clinician", "admin"];

interface Parameter {
  in: "path" | "query" | "header" | "cookie";
  name: string;
  required?: boolean;
  schema?: JsonSchema;
  $ref?: string;
}
interface Operation {
  operationId: string;
  security?: unknown[];
  "x-roles"?: Role[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, unknown>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas?: Components; parameters?: Record<string, Parameter> };
}

let doc: Document;
let components: Components;
let users: Record<Role, Registered>;
/** Real ids (the patient, a habit), so some generated paths get past "not found". */
let realIds: string[];
/** operationId → statuses seen, for the coverage check at the end. */
const seen = new Map<string, Set<number>>();

async function tokenFor(actor: Actor): Promise<string | undefined> {
  // A session of its own for each request: a fuzzed sign-out or password change spoils no other.
  return actor === "anon" ? undefined : fastSession(users[actor].user.id);
}

function parametersOf(op: Operation): Parameter[] {
  return (op.parameters ?? []).map((p) => {
    if (!p.$ref) return p;
    const name = p.$ref.replace(/^#\/components\/parameters\//, "");
    const resolved = doc.components.parameters?.[name];
    if (!resolved) throw new Error(`unknown parameter ${p.$ref}`);
    return resolved;
  });
}

/** A query value as a URL carries it. */
function queryText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

interface Input {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

function validInput(op: Operation): fc.Arbitrary<Input> {
  const params = parametersOf(op);
  const pathParams = params.filter((p) => p.in === "path");
  const queryParams = params.filter((p) => p.in === "query");
  const bodySchema = op.requestBody?.content["application/json"]?.schema;
  const pathValue = (p: Parameter) =>
    fc.oneof(
      { weight: 2, arbitrary: valid(p.schema ?? { type: "string" }, components) },
      { weight: 1, arbitrary: fc.constantFrom(...realIds) },
    );
  return fc.record({
    path: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, pathValue(p)]))),
    query: fc.record(
      Object.fromEntries(queryParams.map((p) => [p.name, valid(p.schema ?? { type: "string" }, components)])),
      { requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name) },
    ),
    body: bodySchema ? valid(bodySchema, components) : fc.constant(undefined),
  });
}

/** An input broken in one place: the body (when there is one) or a query parameter. */
function brokenInput(op: Operation): fc.Arbitrary<Input> | null {
  const bodySchema = op.requestBody?.content["application/json"]?.schema;
  const queryParams = parametersOf(op).filter((p) => p.in === "query");
  const base = validInput(op);
  const ways: fc.Arbitrary<Input>[] = [];
  if (bodySchema) {
    const broken = brokenObject(bodySchema, components);
    const body = broken ?? wrongType(bodySchema, components);
    ways.push(fc.tuple(base, body).map(([input, b]) => ({ ...input, body: b })));
  }
  const numeric = queryParams.filter((p) => {
    const s = resolve(p.schema ?? {}, components);
    return s.type === "integer" || s.type === "number" || s.enum !== undefined;
  });
  if (numeric.length > 0) {
    ways.push(
      fc
        .tuple(base, fc.constantFrom(...numeric))
        .map(([input, p]) => ({ ...input, query: { ...input.query, [p.name]: "not-a-value-it-takes" } })),
    );
  }
  return ways.length > 0 ? fc.oneof(...ways) : null;
}

/** Whether an answer is the companion's 503 COMPANION_NOT_CONFIGURED. */
async function notConfigured(res: Response): Promise<boolean> {
  const body = (await res.clone().json()) as { error?: { code?: string } };
  return body.error?.code === "COMPANION_NOT_CONFIGURED";
}

async function send(method: string, path: string, input: Input, actor: Actor): Promise<Response> {
  const concrete = path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(queryText(input.path[name] ?? "")),
  );
  const search = new URLSearchParams(
    Object.entries(input.query).map(([k, v]) => [k, queryText(v)] as [string, string]),
  ).toString();
  // call() fails the test on a contract breach: a success off its declared schema, an error off the unified body.
  return call(`${concrete}${search ? `?${search}` : ""}`, {
    method: method.toUpperCase(),
    token: await tokenFor(actor),
    // Always JSON text: call() would send a generated string as it is, not as a JSON string.
    ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }),
  });
}

beforeAll(async () => {
  const cast = await fuzzCast();
  users = cast.users;
  realIds = [cast.users.patient.user.id, cast.habitId];
  doc = (await (await call("/api/v1/openapi.json")).json()) as Document;
  components = doc.components.schemas ?? {};
});

const OPERATIONS = await (async () => {
  // The document is generated from the app, which is importable here: list the operations at
  // collection time so each gets a test of its own.
  const { app } = await import("../../worker/app");
  const { openApiDocument } = await import("../../worker/lib/openapi");
  const spec = (await openApiDocument(app)) as unknown as Document;
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op], index) => ({ path, method, operationId: op.operationId, index })),
  );
})();

describe("the contract, fuzzed from the OpenAPI document (issue 14, item 2)", () => {
  it.each(OPERATIONS.map((o, index) => ({ ...o, index })))(
    "$operationId",
    async ({ path, method, operationId, index }) => {
      const op = doc.paths[path]?.[method];
      expect(op, "the served document has the operation").toBeDefined();
      if (!op) return;
      const statuses = new Set<number>();
      seen.set(operationId, statuses);
      const roles = op["x-roles"];

      await fc.assert(
        fc.asyncProperty(validInput(op), fc.constantFrom(...ACTORS), async (input, actor) => {
          const res = await send(method, path, input, actor);
          statuses.add(res.status);
          // The one 5xx by design: a chat the patient consented to (a fuzzed PATCH /me may turn the
          // consent on) on a Worker with no model set up, as the tests' Worker is.
          if (res.status !== 503 || (await notConfigured(res)) === false) {
            expect(res.status, `${actor} ${method} ${path}: never a 5xx`).toBeLessThan(500);
          }
          if (op.security && actor === "anon") expect(res.status).toBe(401);
          if (roles && actor !== "anon" && !roles.includes(actor)) expect(res.status).toBe(403);
        }),
        { seed: SEED + index, numRuns: VALID_RUNS * ACTORS.length, endOnFailure: true },
      );

      const broken = brokenInput(op);
      if (broken) {
        const allowed: Role[] = roles ?? ["patient", "therapist", "clinician", "admin"];
        await fc.assert(
          fc.asyncProperty(broken, fc.constantFrom(...allowed), async (input, actor) => {
            const res = await send(method, path, input, actor);
            statuses.add(res.status);
            expect(res.status, `${actor} ${method} ${path} with a broken input`).toBeGreaterThanOrEqual(400);
            expect(res.status).toBeLessThan(500);
          }),
          { seed: SEED + 10_000 + index, numRuns: BROKEN_RUNS, endOnFailure: true },
        );
      }
    },
  );

  afterAll(() => {
    const reads = OPERATIONS.filter((o) => o.method === "get");
    const answered = reads.filter((o) => [...(seen.get(o.operationId) ?? [])].some((s) => s >= 200 && s < 300));
    const all = OPERATIONS.filter((o) => [...(seen.get(o.operationId) ?? [])].some((s) => s >= 200 && s < 300));
    console.log(
      `contract fuzz: ${all.length}/${OPERATIONS.length} operations answered 2xx at least once ` +
        `(reads ${answered.length}/${reads.length})`,
    );
    // Generated input must mostly get through, or the fuzz checks only rejections.
    expect(answered.length / reads.length).toBeGreaterThanOrEqual(0.6);
  });
});
