import type { Hono } from "hono";
import { TrieRouter } from "hono/router/trie-router";
import type { AppEnv } from "../app-env";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * Hono answers an unmatched method with 404; HTTP wants 405 and an Allow header when the path
 * exists under other methods. This builds a router of the app's endpoints (middleware excluded)
 * once and tells which methods a path answers to.
 */
export function allowedMethodsFor(app: Hono<AppEnv>): (path: string) => string[] {
  let router: TrieRouter<string> | undefined;
  return (path) => {
    if (!router) {
      // The trie router takes any set of paths (the RegExpRouter refuses some mixes of static and
      // parameter segments, such as /messages/blocks/:userId beside /messages/:id).
      router = new TrieRouter<string>();
      for (const route of app.routes) {
        if (route.method !== "ALL") router.add(route.method, route.path, route.method);
      }
    }
    const r = router;
    const allowed: string[] = METHODS.filter((m) => r.match(m, path)[0].length > 0);
    // Hono answers HEAD for every GET route.
    if (allowed.includes("GET") && !allowed.includes("HEAD")) allowed.splice(1, 0, "HEAD");
    return allowed;
  };
}
