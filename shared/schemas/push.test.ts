import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base64UrlBytes, pushEndpointAllowed, pushSubscriptionBody } from "./push";

describe("base64UrlBytes", () => {
  it("decodes what Node encodes, with or without padding", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const b64u = Buffer.from(bytes).toString("base64url");
        expect(base64UrlBytes(b64u)).toEqual(new Uint8Array(bytes));
        expect(base64UrlBytes(Buffer.from(bytes).toString("base64").replace(/\+/g, "-").replace(/\//g, "_"))).toEqual(
          new Uint8Array(bytes),
        );
      }),
    );
  });

  it("refuses what is not base64url", () => {
    for (const bad of ["a+b", "a/b", "abcde", "ab cd", "a=b"]) expect(base64UrlBytes(bad), bad).toBeNull();
  });
});

describe("pushEndpointAllowed", () => {
  it("allows https, and loopback http only in development", () => {
    expect(pushEndpointAllowed("https://fcm.googleapis.com/fcm/send/abc", false)).toBe(true);
    expect(pushEndpointAllowed("https://updates.push.services.mozilla.com/wpush/v2/x?y=1", false)).toBe(true);
    expect(pushEndpointAllowed("http://127.0.0.1:4000/push/1", true)).toBe(true);
    expect(pushEndpointAllowed("http://localhost:4000/push/1", true)).toBe(true);
    expect(pushEndpointAllowed("http://127.0.0.1:4000/push/1", false)).toBe(false);
    expect(pushEndpointAllowed("http://push.example/1", true)).toBe(false);
    for (const bad of [
      "ftp://push.example/1",
      "https://user:pw@push.example/1",
      "https:///nohost",
      "https://push.example /x",
      "javascript:alert(1)",
      "//push.example/1",
      "",
    ]) {
      expect(pushEndpointAllowed(bad, true), bad).toBe(false);
    }
  });

  it("agrees with the URL parser on scheme and host for anything it allows", () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.boolean(), (url, dev) => {
        if (!pushEndpointAllowed(url, dev)) return;
        const parsed = new URL(url);
        expect(parsed.username).toBe("");
        expect(["https:", ...(dev ? ["http:"] : [])]).toContain(parsed.protocol);
      }),
    );
  });
});

describe("pushSubscriptionBody", () => {
  const keys = {
    p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString("base64url"),
    auth: Buffer.alloc(16, 1).toString("base64url"),
  };
  it("takes a browser's subscription", () => {
    expect(pushSubscriptionBody.safeParse({ endpoint: "https://push.example/a", keys }).success).toBe(true);
  });
  it("refuses keys of the wrong size or form", () => {
    const bad = [
      { ...keys, p256dh: Buffer.alloc(65, 4).toString("base64url").replace(/^B/, "C") },
      { ...keys, p256dh: Buffer.alloc(33, 4).toString("base64url") },
      { ...keys, auth: Buffer.alloc(12).toString("base64url") },
    ];
    for (const k of bad)
      expect(pushSubscriptionBody.safeParse({ endpoint: "https://push.example/a", keys: k }).success).toBe(false);
  });
});
