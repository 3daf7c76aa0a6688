/**
 * The pieces every contract table is written with (shared/api/contract.ts and the tables it
 * gathers: contract-staff.ts, contract-admin.ts).
 */
import type { z } from "zod";

/** A response's body by media type: a zod schema, or "text" for a body described in words. */
export type Content = Readonly<Record<string, z.ZodType | "text">>;

/** One operation: its input (a JSON body, a query, path parameters) and its successful answers by status. */
export interface OperationContract {
  readonly json?: z.ZodType;
  readonly query?: z.ZodType;
  readonly param?: z.ZodType;
  readonly responses: Readonly<Record<number, Content>>;
}

export type Method = "get" | "post" | "put" | "patch" | "delete";

/** A table of routes, by path under /api/v1 (Hono's `:param` syntax) and method. */
export type ContractTable = Record<string, Partial<Record<Method, OperationContract>>>;

/** A JSON answer of `schema`. */
export const json = <S extends z.ZodType>(schema: S) => ({ "application/json": schema }) as const;
/** An answer with no body (204). */
export const none = {} as const;
