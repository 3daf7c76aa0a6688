/**
 * Whose word the caller's address is (issue 13, item 9). Cloudflare's edge sets CF-Connecting-IP
 * itself, overwriting whatever a client sent; anywhere else (wrangler dev, workerd on its own, a
 * proxy in front) the header is whatever the client chose. So the Worker believes it only when
 * TRUST_CF_CONNECTING_IP is "true" (the production env of wrangler.toml); otherwise every caller
 * is "unknown" and shares one bucket, and a forged header neither evades a per-IP rate limit nor
 * frames another address in the audit log. The test pool stands in for the edge (vitest.config.ts).
 */
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../worker/app-env";
import { clientIp, hashClientIp } from "../../worker/lib/client-ip";

const probe = new Hono<AppEnv>().use(hashClientIp).get("/", (c) => c.json({ ip: clientIp(c), hash: c.get("ipHash") }));

async function seen(ip: string | null, trust: string | undefined): Promise<{ ip: string; hash: string }> {
  const bindings: Record<string, unknown> = { ...env, TRUST_CF_CONNECTING_IP: trust };
  if (trust === undefined) delete bindings.TRUST_CF_CONNECTING_IP;
  const res = await probe.request("/", { headers: ip ? { "CF-Connecting-IP": ip } : {} }, bindings);
  return res.json();
}

describe("CF-Connecting-IP is trusted only when configured (issue 13, item 9)", () => {
  it('TRUST_CF_CONNECTING_IP = "true" (behind Cloudflare): the header is the address', async () => {
    const a = await seen("203.0.113.7", "true");
    const b = await seen("198.51.100.9", "true");
    expect(a.ip).toBe("203.0.113.7");
    expect(b.ip).toBe("198.51.100.9");
    expect(a.hash).toMatch(/^[0-9a-f]{32}$/);
    expect(a.hash).not.toBe(b.hash);
  });

  it.each([
    ["false", "false"],
    ["unset", undefined],
    ["anything but true", "TRUE "],
  ])("TRUST_CF_CONNECTING_IP %s: a client-sent header is ignored", async (_name, trust) => {
    const a = await seen("203.0.113.7", trust);
    const b = await seen("198.51.100.9", trust);
    const none = await seen(null, trust);
    expect(a.ip).toBe("unknown");
    expect(b.ip).toBe("unknown");
    expect(new Set([a.hash, b.hash, none.hash]).size).toBe(1);
  });

  it("the test pool stands in for the edge, so the suite's per-test addresses keep their own buckets", () => {
    expect(env.TRUST_CF_CONNECTING_IP).toBe("true");
  });
});
