import { validator } from "hono/validator";
import type { z } from "zod";
import { ApiError, type FieldIssue } from "../../shared/errors";

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

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError("VALIDATION_FAILED", { fields: fieldIssues(parsed.error) });
  return parsed.data;
}

/**
 * Validators for Hono routes: the handler sees typed, validated data (`c.req.valid("json")`)
 * and bad input becomes 400 VALIDATION_FAILED with field paths. Request schemas are strict, so
 * an unknown field is an error rather than silently dropped (mass-assignment defence).
 */
export const jsonBody = <S extends z.ZodType>(schema: S) => validator("json", (value) => parseOrThrow(schema, value));
export const queryParams = <S extends z.ZodType>(schema: S) =>
  validator("query", (value) => parseOrThrow(schema, value));
export const pathParams = <S extends z.ZodType>(schema: S) =>
  validator("param", (value) => parseOrThrow(schema, value));
