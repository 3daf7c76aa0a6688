import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";

/**
 * Headers for every API response, errors included. The API serves JSON only, so its CSP
 * allows nothing at all; the PWA's static files get theirs from pwa/public/_headers (asset
 * responses do not run the Worker). Hono's secureHeaders() defaults fall short (HSTS under a
 * year, no CSP), hence our own list.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "Strict-Transport-Security": "max-age=63072000; includeSubDomains; preload",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  // Health data must not linger in shared or browser caches.
  "Cache-Control": "no-store",
};

/**
 * The one API page that is a page: /api/v1/docs (Swagger UI). Scripts and styles from this
 * origin only (pwa/dist/api-docs/), nothing inline but style attributes, which Swagger UI sets
 * as it renders; it reads the document from this origin and can be framed by nobody.
 */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const docsPage = c.res.headers.get("Content-Security-Policy") === DOCS_CSP;
  for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) {
    // Only the exact docs policy survives; any other CSP a handler set is replaced.
    if (name === "Content-Security-Policy" && docsPage) continue;
    c.res.headers.set(name, value);
  }
});
