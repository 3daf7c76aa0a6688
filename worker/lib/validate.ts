import { validator } from "hono/validator";
import { resolver, uniqueSymbol } from "hono-openapi";
import type { z } from "zod";
import { ApiError, type ErrorCode, type FieldIssue } from "../../shared/errors";

/** Maps zod issues to `{ path, message }` with dotted paths ("steps.0.title"); root is "". */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const base = issue.path.map(String).join(".");
    // An unknown key is reported at the key itself, which is what a client needs to fix.
    if (issue.code === "unrecognized_keys") {
      return { path: issue.keys.map((k) => (base ? `${base}.${k}` : k)).join(","), message: "Unknown field." };
    }
    return { path: base, message: issue.message };
  });
}

/** Field paths whose failure has a code of its own (e.g. a quest status outside the allow-list). */
export type PathCodes = Partial<Record<string, ErrorCode>>;

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, codes: PathCodes = {}): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const fields = fieldIssues(parsed.error);
    // Own keys only: a field path is client input, and "toString" or "__proto__" must not find
    // Object.prototype's members (issue 13, item 4: they became a code and a 500).
    const special = fields
      .map((f) => (Object.hasOwn(codes, f.path) ? codes[f.path] : undefined))
      .find((code) => code !== undefined);
    throw new ApiError(special ?? "VALIDATION_FAILED", { fields });
  }
  return parsed.data;
}

/**
 * Validators for Hono routes: the handler sees typed, validated data (`c.req.valid("json")`)
 * and bad input becomes 400 VALIDATION_FAILED with field paths. Request schemas are strict, so
 * an unknown field is an error rather than silently dropped (mass-assignment defence). Each one
 * also carries its schema for the OpenAPI document (lib/openapi.ts), which therefore describes
 * exactly the input that is checked.
 */
export const jsonBody = <S extends z.ZodType>(schema: S, codes?: PathCodes) =>
  documented(
    "json",
    schema,
    validator("json", (value) => parseOrThrow(schema, value, codes)),
  );
export const queryParams = <S extends z.ZodType>(schema: S) =>
  documented(
    "query",
    schema,
    validator("query", (value) => parseOrThrow(schema, value)),
  );
export const pathParams = <S extends z.ZodType>(schema: S) =>
  documented(
    "param",
    schema,
    validator("param", (value) => parseOrThrow(schema, value)),
  );

/** hono-openapi's mark of a validator: its target and a resolver of its schema. */
function documented<M extends object>(target: "json" | "query" | "param", schema: z.ZodType, middleware: M): M {
  return Object.assign(middleware, { [uniqueSymbol]: { target, ...resolver(schema) } });
}
