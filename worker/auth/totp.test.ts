import { describe, expect, it } from "vitest";
import { fromBase32 } from "../lib/encoding";
import { hotp, matchTotp, newTotpSecret, otpauthUri, totpStep } from "./totp";

/** RFC 6238 / RFC 4226 test secret: ASCII "12345678901234567890". */
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const STEP_MS = 30_000;

describe("hotp", () => {
  it("decodes the RFC test secret to the ASCII bytes 1234567890 twice", () => {
    expect(new TextDecoder().decode(fromBase32(RFC_SECRET))).toBe("12345678901234567890");
  });

  it.each([
    [0, "755224"],
    [1, "287082"],
    [2, "359152"],
    [3, "969429"],
    [4, "338314"],
    [5, "254676"],
    [6, "287922"],
    [7, "162583"],
    [8, "399871"],
    [9, "520489"],
  ])("gives the RFC 4226 Appendix D value at counter %i: %s", async (counter, expected) => {
    expect(await hotp(RFC_SECRET, counter)).toBe(expected);
  });
});

describe("TOTP (RFC 6238 Appendix B, SHA-1)", () => {
  it.each([
    [59, "287082", "94287082"],
    [1111111109, "081804", "07081804"],
    [1111111111, "050471", "14050471"],
    [1234567890, "005924", "89005924"],
    [2000000000, "279037", "69279037"],
    [20000000000, "353130", "65353130"],
  ])("gives the code for T=%i: %s (6 digits) and %s (8 digits)", async (seconds, six, eight) => {
    const step = totpStep(seconds * 1000);
    expect(step).toBe(Math.floor(seconds / 30));
    expect(await hotp(RFC_SECRET, step)).toBe(six);
    expect(await hotp(RFC_SECRET, step, 8)).toBe(eight);
    expect(await matchTotp(RFC_SECRET, six, seconds * 1000, null)).toBe(step);
  });
});

describe("matchTotp", () => {
  const now = 1234567890 * 1000;
  const current = totpStep(now);
  const codeAt = (step: number) => hotp(RFC_SECRET, step);

  it("accepts the current step's code and returns that step", async () => {
    expect(await matchTotp(RFC_SECRET, await codeAt(current), now, null)).toBe(current);
  });

  it("accepts the previous step's code, for a slow clock", async () => {
    expect(await matchTotp(RFC_SECRET, await codeAt(current - 1), now, null)).toBe(current - 1);
  });

  it("accepts the next step's code, for a fast clock", async () => {
    expect(await matchTotp(RFC_SECRET, await codeAt(current + 1), now, null)).toBe(current + 1);
  });

  it("refuses a code from two steps before or after", async () => {
    expect(await matchTotp(RFC_SECRET, await codeAt(current - 2), now, null)).toBeNull();
    expect(await matchTotp(RFC_SECRET, await codeAt(current + 2), now, null)).toBeNull();
  });

  it("refuses a code whose step is at or before the last used step, so a code works once", async () => {
    const code = await codeAt(current);
    expect(await matchTotp(RFC_SECRET, code, now, current)).toBeNull();
    expect(await matchTotp(RFC_SECRET, code, now, current + 1)).toBeNull();
    expect(await matchTotp(RFC_SECRET, await codeAt(current - 1), now, current - 1)).toBeNull();
  });

  it("accepts a code from a step after the last used one", async () => {
    expect(await matchTotp(RFC_SECRET, await codeAt(current), now, current - 1)).toBe(current);
    expect(await matchTotp(RFC_SECRET, await codeAt(current + 1), now, current)).toBe(current + 1);
  });

  it("still accepts a code at the edges of its 30-second step", async () => {
    const code = await codeAt(current);
    expect(await matchTotp(RFC_SECRET, code, current * STEP_MS, null)).toBe(current);
    expect(await matchTotp(RFC_SECRET, code, (current + 1) * STEP_MS - 1, null)).toBe(current);
  });

  it.each(["", "00592", "0059240", "00592a", " 005924", "005924 ", "５９２４００"])(
    "refuses the input %j, which is not six ASCII digits",
    async (code) => {
      expect(await matchTotp(RFC_SECRET, code, now, null)).toBeNull();
    },
  );

  it("refuses a right-length code that is wrong", async () => {
    const window = await Promise.all([current - 1, current, current + 1].map(codeAt));
    const wrong = ["000000", "111111", "123456"].find((code) => !window.includes(code)) ?? "";
    expect(wrong).toMatch(/^\d{6}$/);
    expect(await matchTotp(RFC_SECRET, wrong, now, null)).toBeNull();
  });
});

describe("otpauthUri", () => {
  const uri = otpauthUri("JBSWY3DPEHPK3PXP", "ada+test@example.com");
  const [head, query = ""] = uri.split("?");
  const params = new URLSearchParams(query);

  it("is an otpauth://totp URI with an encoded issuer:email label", () => {
    expect(head).toBe(`otpauth://totp/${encodeURIComponent("Haven:ada+test@example.com")}`);
    expect(head).toContain("Haven%3Aada%2Btest%40example.com");
  });

  it("carries the secret, issuer, SHA1, 6 digits and a 30-second period", () => {
    expect(params.get("secret")).toBe("JBSWY3DPEHPK3PXP");
    expect(params.get("issuer")).toBe("Haven");
    expect(params.get("algorithm")).toBe("SHA1");
    expect(params.get("digits")).toBe("6");
    expect(params.get("period")).toBe("30");
  });

  it("uses a custom issuer in both the label and the parameter", () => {
    const custom = otpauthUri("JBSWY3DPEHPK3PXP", "ada@example.com", "Haven Staging");
    expect(custom.startsWith("otpauth://totp/Haven%20Staging%3Aada%40example.com?")).toBe(true);
    expect(new URLSearchParams(custom.split("?")[1]).get("issuer")).toBe("Haven Staging");
  });
});

describe("newTotpSecret", () => {
  it("is 32 base32 characters, i.e. 160 bits", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(fromBase32(secret)).toHaveLength(20);
  });

  it("differs between calls", () => {
    const secrets = new Set(Array.from({ length: 20 }, () => newTotpSecret()));
    expect(secrets.size).toBe(20);
  });

  it("yields a secret that hotp can use", async () => {
    expect(await hotp(newTotpSecret(), 0)).toMatch(/^\d{6}$/);
  });
});
