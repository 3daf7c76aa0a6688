import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../app-env";

/**
 * The refresh token travels only in this cookie: `__Host-` (Secure, Path=/, no Domain),
 * HttpOnly, SameSite=Strict. A `__Host-`/Secure cookie cannot be set over plain http, so local
 * development on http://127.0.0.1 uses the closest equivalent: `haven_refresh`, HttpOnly,
 * SameSite=Strict, Path=/api/v1/auth, without Secure (README.md, Configuration).
 */
export const SECURE_COOKIE = "__Host-haven_refresh";
export const DEV_COOKIE = "haven_refresh";

function plainHttpDev(c: Context<AppEnv>): boolean {
  return c.env.ENVIRONMENT === "development" && new URL(c.req.url).protocol === "http:";
}

export function readRefreshCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, plainHttpDev(c) ? DEV_COOKIE : SECURE_COOKIE);
}

export function writeRefreshCookie(c: Context<AppEnv>, token: string, maxAgeSeconds: number): void {
  if (plainHttpDev(c)) {
    setCookie(c, DEV_COOKIE, token, {
      httpOnly: true,
      sameSite: "Strict",
      path: "/api/v1/auth",
      maxAge: maxAgeSeconds,
    });
  } else {
    setCookie(c, SECURE_COOKIE, token, {
      httpOnly: true,
      secure: true,
      sameSite: "Strict",
      path: "/",
      maxAge: maxAgeSeconds,
    });
  }
}

export function clearRefreshCookie(c: Context<AppEnv>): void {
  if (plainHttpDev(c)) {
    deleteCookie(c, DEV_COOKIE, { path: "/api/v1/auth", httpOnly: true, sameSite: "Strict" });
  } else {
    deleteCookie(c, SECURE_COOKIE, { path: "/", secure: true, httpOnly: true, sameSite: "Strict" });
  }
}
