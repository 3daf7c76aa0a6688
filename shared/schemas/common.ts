import { z } from "zod";
import { ERROR_CATALOGUE, type ErrorCode } from "../errors";

/** A page of a list: `{ items, cursor, hasMore }`; `cursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  cursor: string | null;
  hasMore: boolean;
}

/** The response schema of a page of `item`s (see Page). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.strictObject({ items: z.array(item), cursor: z.string().nullable(), hasMore: z.boolean() });

/** An ISO 8601 time as the API writes it (`Date#toISOString`). */
export const isoTime = z.iso.datetime();

/** A stable error code (shared/errors.ts ERROR_CATALOGUE). */
export const errorCodeSchema = z.enum(Object.keys(ERROR_CATALOGUE) as [ErrorCode, ...ErrorCode[]]);

/** The unified error body every non-2xx API response carries (docs/api.md "Errors"). */
export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    code: errorCodeSchema,
    message: z.string(),
    requestId: z.string(),
    fields: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
  }),
});

/** The path parameters of a route that addresses one thing by its id (`/:id`). */
export const idParam = z.strictObject({ id: z.uuid() });

/** The path parameters of a route that addresses a person (`/:userId`). */
export const userIdParam = z.strictObject({ userId: z.uuid() });

/** A zod schema as a JSON Schema fragment (without `$schema`), for the OpenAPI document. */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output" = "output"): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io }) as Record<string, unknown>;
  return rest;
}
