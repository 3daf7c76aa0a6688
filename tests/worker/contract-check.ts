/**
 * The contract, checked on every answer the workerd tests receive (issue 14, item 1): `call()`
 * (helpers.ts) hands each /api response here. A successful answer must have a status the
 * route's operation declares, and its JSON body must match the declared schema, which is the
 * same zod schema the OpenAPI document is generated from; an error must be the unified body.
 * So the whole worker suite, a thousand-odd requests across every route, is a contract test,
 * and a view that grows, loses or renames a field fails wherever it is used.
 */
import { findTargetHandler } from "hono/utils/handler";
import { uniqueSymbol } from "hono-openapi";
import { errorBodySchema } from "../../shared/schemas/common";
import { app } from "../../worker/app";

interface Validator {
  validate: (value: unknown) => unknown;
}
interface DeclaredResponse {
  content?: Record<string, { schema?: Validator | object }>;
}
interface Declared {
  method: string;
  path: string;
  pattern: RegExp;
  params: number;
  responses: Record<string, DeclaredResponse>;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Each route with an operation (lib/openapi.ts `operation()`): its method, path and responses. */
export const DECLARED: Declared[] = app.routes.flatMap((route) => {
  if (route.method === "ALL") return [];
  const meta = (findTargetHandler(route.handler) as unknown as Record<symbol, { spec?: { responses?: unknown } }>)[
    uniqueSymbol
  ];
  const responses = meta?.spec?.responses as Record<string, DeclaredResponse> | undefined;
  if (!responses) return [];
  const parts = route.path.split(/(:\w+)/).map((part) => (part.startsWith(":") ? "([^/]+)" : escapeRegExp(part)));
  return [
    {
      method: route.method,
      path: route.path,
      pattern: new RegExp(`^${parts.join("")}$`),
      params: (route.path.match(/:\w+/g) ?? []).length,
      responses,
    },
  ];
});

/** The operation a request reached: the matching route with the fewest parameters (/pet/shop before /pet/:x). */
export function declaredFor(method: string, pathname: string): Declared | undefined {
  return DECLARED.filter((d) => d.method === method && d.pattern.test(pathname)).sort((a, b) => a.params - b.params)[0];
}

function isValidator(schema: unknown): schema is Validator {
  return typeof schema === "object" && schema !== null && typeof (schema as Validator).validate === "function";
}

function describeIssues(issues: readonly { path?: readonly unknown[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map(
      (i) =>
        `${(i.path ?? []).map((p) => (typeof p === "object" && p !== null && "key" in p ? String(p.key) : String(p))).join(".") || "(root)"}: ${i.message}`,
    )
    .join("; ");
}

/** Why this answer breaks the declared contract, or null when it keeps it. */
export async function contractViolation(method: string, url: string, res: Response): Promise<string | null> {
  const { pathname } = new URL(url);
  if (!pathname.startsWith("/api/") || method === "HEAD") return null;
  const type = res.headers.get("Content-Type") ?? "";
  if (res.status >= 400) {
    if (!type.includes("application/json")) return `a ${res.status} that is not JSON (${type})`;
    const parsed = errorBodySchema.safeParse(await res.clone().json());
    return parsed.success ? null : `a ${res.status} that is not the unified error body: ${parsed.error.message}`;
  }
  const declared = declaredFor(method, pathname);
  // A route without an operation is the document test's failure (openapi-document.test.ts).
  if (!declared) return null;
  const response = declared.responses[String(res.status)];
  if (!response) {
    return `${method} ${declared.path} answered ${res.status}, which its operation does not declare (${Object.keys(declared.responses).join(", ")})`;
  }
  const media = type.split(";")[0]?.trim() ?? "";
  const content = response.content?.[media];
  if (!response.content) return null;
  if (!content)
    return `${method} ${declared.path} answered ${res.status} as ${media}, declared ${Object.keys(response.content).join(", ")}`;
  if (!isValidator(content.schema) || !media.includes("json")) return null;
  const result = (await content.schema.validate(await res.clone().json())) as {
    issues?: readonly { path?: readonly unknown[]; message: string }[];
  };
  if (result.issues) {
    return `${method} ${declared.path} answered ${res.status} with a body that breaks its declared schema: ${describeIssues(result.issues)}`;
  }
  return null;
}
