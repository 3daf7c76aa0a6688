/**
 * The typed API client's route map, built from the shared contract (shared/api/contract.ts):
 * each route's input and answers as Hono's client expects them (`$post({ json })`, `res.json()`
 * typed by status), from the same zod schemas the Worker validates and answers with. Nothing
 * here comes from the Worker's code.
 */
import type { Hono } from "hono";
import type { z } from "zod";
import type { ApiContract, Content, OperationContract } from "../../../shared/api/contract";
import type { ErrorBody } from "../../../shared/errors";

/** The statuses an error may come with: the unified body (docs/api.md, "Errors"). */
type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 422 | 429 | 500 | 502 | 503 | 504;

/** No input of this kind (an empty object: Hono makes the argument optional). */
type NoInput = Record<never, never>;

type InputOf<O extends OperationContract> = (O extends { json: z.ZodType } ? { json: z.input<O["json"]> } : NoInput) &
  (O extends { query: z.ZodType } ? { query: z.input<O["query"]> } : NoInput) &
  (O extends { param: z.ZodType } ? { param: z.input<O["param"]> } : NoInput);

/** What `res.json()` / `res.text()` give for a body: JSON (any JSON media type), text, or nothing. */
type BodyOf<C extends Content> = C extends { "application/json": infer S extends z.ZodType }
  ? { output: z.output<S>; outputFormat: "json" }
  : C[keyof C] extends infer S extends z.ZodType
    ? { output: z.output<S>; outputFormat: "json" }
    : C[keyof C] extends "text"
      ? { output: string; outputFormat: "text" }
      : { output: null; outputFormat: "body" };

type EndpointsOf<O extends OperationContract> =
  | {
      [S in keyof O["responses"] & number]: { input: InputOf<O>; status: S } & BodyOf<O["responses"][S]>;
    }[keyof O["responses"] & number]
  | { input: InputOf<O>; status: ErrorStatus; output: ErrorBody; outputFormat: "json" };

/** Hono's route schema of the contract, under /api/v1. */
export type ContractSchema = {
  [P in keyof ApiContract as `/api/v1${P & string}`]: {
    [M in keyof ApiContract[P] as `$${M & string}`]: ApiContract[P][M] extends infer O extends OperationContract
      ? EndpointsOf<O>
      : never;
  };
};

/** A Hono app with exactly the contract's routes: the type `hc` is given. */
// biome-ignore lint/complexity/noBannedTypes: Hono's env type for an app with no bindings or variables.
export type ContractApp = Hono<{}, ContractSchema, "/">;
