import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RECOVERY_CODE_COUNT } from "../../shared/limits";
import { newRecoveryCodes, normaliseRecoveryCode, recoveryCodeRows } from "./recovery-codes";

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const CODE_SHAPE = new RegExp(`^[${ALPHABET}]{5}-[${ALPHABET}]{5}$`);

describe("newRecoveryCodes", () => {
  it("gives 10 codes by default", () => {
    expect(RECOVERY_CODE_COUNT).toBe(10);
    expect(newRecoveryCodes()).toHaveLength(10);
  });

  it("gives distinct codes", () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("shapes every code xxxxx-xxxxx from the hand-typing alphabet", () => {
    for (const code of newRecoveryCodes(200)) expect(code).toMatch(CODE_SHAPE);
  });

  it("never uses the look-alike characters 0, o, 1, l or i", () => {
    const all = newRecoveryCodes(500).join("");
    expect(all).not.toMatch(/[0o1li]/);
  });

  it("gives fresh codes on every call", () => {
    const first = newRecoveryCodes();
    const second = newRecoveryCodes();
    expect(first.filter((code) => second.includes(code))).toEqual([]);
  });

  it("honours an explicit count", () => {
    expect(newRecoveryCodes(3)).toHaveLength(3);
    expect(newRecoveryCodes(0)).toEqual([]);
  });
});

describe("normaliseRecoveryCode", () => {
  it("strips the dash and lowercases", () => {
    expect(normaliseRecoveryCode("ABCDE-FGHJK")).toBe("abcdefghjk");
  });

  it("strips spaces, tabs and newlines anywhere in the code", () => {
    expect(normaliseRecoveryCode("  abcde fghjk\n")).toBe("abcdefghjk");
    expect(normaliseRecoveryCode("ab cd\te-fg hjk")).toBe("abcdefghjk");
  });

  it("maps every generated code, in any case and with or without its dash, to the same form", () => {
    fc.assert(
      fc.property(fc.constantFrom(...newRecoveryCodes(50)), fc.boolean(), (code, upper) => {
        const typed = upper ? code.toUpperCase() : code;
        const canonical = normaliseRecoveryCode(code);
        expect(canonical).toMatch(new RegExp(`^[${ALPHABET}]{10}$`));
        expect(normaliseRecoveryCode(typed)).toBe(canonical);
        expect(normaliseRecoveryCode(typed.replace("-", ""))).toBe(canonical);
        expect(normaliseRecoveryCode(typed.replace("-", " "))).toBe(canonical);
      }),
    );
  });
});

describe("recoveryCodeRows", () => {
  const SECRET = "test-secret-for-recovery-codes-0123456789abcdef";

  it("stores only a keyed hash of the normalised code, never the code", async () => {
    const [code] = newRecoveryCodes(1) as [string];
    const [row] = await recoveryCodeRows(SECRET, "user-1", [code]);
    expect(row?.userId).toBe("user-1");
    expect(row?.codeHash).toMatch(/^k1:[0-9a-f]{64}$/);
    expect(row?.codeHash).not.toContain(normaliseRecoveryCode(code));
    const [typed] = await recoveryCodeRows(SECRET, "user-1", [code.toUpperCase().replace("-", " ")]);
    expect(typed?.codeHash).toBe(row?.codeHash);
  });

  it("is not the plain SHA-256 of the code, and differs for another user or another secret", async () => {
    const [row] = await recoveryCodeRows(SECRET, "u", ["ABCDE-FGHJK"]);
    // SHA-256("abcdefghjk"): what the previous version stored.
    expect(row?.codeHash).not.toContain("22f3f00d7f9cfe6eeefa9b71bdcb093a9080fcf4981d2dbf932648fa15a2d793");
    const [otherUser] = await recoveryCodeRows(SECRET, "v", ["ABCDE-FGHJK"]);
    const [otherSecret] = await recoveryCodeRows(`${SECRET}!`, "u", ["ABCDE-FGHJK"]);
    expect(new Set([row?.codeHash, otherUser?.codeHash, otherSecret?.codeHash]).size).toBe(3);
  });

  it("matches its construction: HMAC-SHA-256 under HKDF(secret) of `<user>:<SHA-256 of the code>`", async () => {
    const encoder = new TextEncoder();
    const ikm = await crypto.subtle.importKey("raw", encoder.encode(SECRET), "HKDF", false, ["deriveBits"]);
    const keyBits = await crypto.subtle.deriveBits(
      { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(32), info: encoder.encode("haven recovery-code hmac v1") },
      ikm,
      256,
    );
    const key = await crypto.subtle.importKey("raw", keyBits, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const mac = await crypto.subtle.sign(
      "HMAC",
      key,
      encoder.encode("u:22f3f00d7f9cfe6eeefa9b71bdcb093a9080fcf4981d2dbf932648fa15a2d793"),
    );
    const hex = Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("");
    const [row] = await recoveryCodeRows(SECRET, "u", ["ABCDE-FGHJK"]);
    expect(row?.codeHash).toBe(`k1:${hex}`);
  });
});
