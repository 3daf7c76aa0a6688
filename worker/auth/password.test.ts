import { describe, expect, it } from "vitest";
import { burnPasswordCheck, hashPassword, SCRYPT_PARAMS, verifyPassword, WORKERD_SCRYPT_COST_CAP } from "./password";

const WEAK = { N: 2 ** 14, r: 8, p: 1 };
const PASSWORD = "violet tractor mumbles";

describe("SCRYPT_PARAMS", () => {
  it("stays within workerd's scrypt cost cap N·r·p ≤ 2^20", () => {
    expect(WORKERD_SCRYPT_COST_CAP).toBe(2 ** 20);
    expect(SCRYPT_PARAMS.N * SCRYPT_PARAMS.r * SCRYPT_PARAMS.p).toBeLessThanOrEqual(WORKERD_SCRYPT_COST_CAP);
  });

  it("meets ASVS Appendix C: r ≥ 8, and p ≥ 3 implies N ≥ 2^15", () => {
    expect(SCRYPT_PARAMS.r).toBeGreaterThanOrEqual(8);
    expect(SCRYPT_PARAMS.p >= 3 ? SCRYPT_PARAMS.N >= 2 ** 15 : SCRYPT_PARAMS.N >= 2 ** 16).toBe(true);
  });

  it("uses a power of two for N, as scrypt requires", () => {
    expect(Math.log2(SCRYPT_PARAMS.N) % 1).toBe(0);
  });
});

describe("hashPassword and verifyPassword with today's parameters", () => {
  // Two hashes of the same password, shared by the tests below to keep the scrypt work small.
  const hashes = Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);

  it("writes scrypt$N$r$p$salt$hash with today's parameters, a 16-byte salt and a 32-byte key", async () => {
    const [hash] = await hashes;
    const parts = hash.split("$");
    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 4)).toEqual([
      "scrypt",
      String(SCRYPT_PARAMS.N),
      String(SCRYPT_PARAMS.r),
      String(SCRYPT_PARAMS.p),
    ]);
    expect(parts[4]).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(parts[5]).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("salts every hash, so two hashes of one password differ", async () => {
    const [a, b] = await hashes;
    expect(a).not.toBe(b);
    expect(a.split("$")[4]).not.toBe(b.split("$")[4]);
  });

  it("verifies the right password without asking for a rehash", async () => {
    const [hash] = await hashes;
    expect(await verifyPassword(PASSWORD, hash)).toEqual({ ok: true, needsRehash: false });
  });

  it("refuses a wrong password, including one differing only in case", async () => {
    const [, hash] = await hashes;
    expect(await verifyPassword("violet tractor mumble", hash)).toEqual({ ok: false, needsRehash: false });
    expect(await verifyPassword(PASSWORD.toUpperCase(), hash)).toEqual({ ok: false, needsRehash: false });
  });
});

describe("verifyPassword with weaker, older parameters", () => {
  const weakHash = hashPassword(PASSWORD, WEAK);

  it("stores the parameters it was made with", async () => {
    expect((await weakHash).split("$").slice(1, 4)).toEqual(["16384", "8", "1"]);
  });

  it("verifies the right password and asks for a rehash", async () => {
    expect(await verifyPassword(PASSWORD, await weakHash)).toEqual({ ok: true, needsRehash: true });
  });

  it("refuses a wrong password without asking for a rehash", async () => {
    expect(await verifyPassword("not the password", await weakHash)).toEqual({ ok: false, needsRehash: false });
  });

  it("normalises the password to NFKC, so composed and decomposed forms match", async () => {
    const composed = "caf\u00e9 au lait, s'il vous pla\u00eet";
    const hash = await hashPassword(composed, WEAK);
    expect((await verifyPassword(composed.normalize("NFD"), hash)).ok).toBe(true);
  });
});

describe("verifyPassword with a malformed stored hash", () => {
  it.each([
    ["an empty string", ""],
    ["another algorithm", "bcrypt$10$8$1$c2FsdA$a2V5"],
    ["too few parts", "scrypt$16384$8$1$c2FsdA"],
    ["too many parts", "scrypt$16384$8$1$c2FsdA$a2V5$extra"],
    ["non-numeric parameters", "scrypt$N$r$p$c2FsdA$a2V5"],
    ["a zero parameter", "scrypt$0$8$1$c2FsdA$a2V5"],
    ["a negative parameter", "scrypt$16384$-8$1$c2FsdA$a2V5"],
    ["a fractional parameter", "scrypt$16384$8.5$1$c2FsdA$a2V5"],
    ["a salt that is not base64url", "scrypt$16384$8$1$!!!$a2V5"],
    ["an N that is not a power of two", "scrypt$3$8$1$c2FsdA$a2V5"],
    ["parameters above workerd's scrypt cost cap", "scrypt$1048576$8$1$c2FsdA$a2V5"],
    ["an N of 2^32", "scrypt$4294967296$8$1$c2FsdA$a2V5"],
  ])("never verifies and does not throw for %s", async (_label, stored) => {
    await expect(verifyPassword(PASSWORD, stored)).resolves.toEqual({ ok: false, needsRehash: false });
  });

  it("never verifies an empty key, whatever the password", async () => {
    await expect(verifyPassword("", "scrypt$16384$8$1$c2FsdA$")).resolves.toEqual({ ok: false, needsRehash: false });
  });
});

describe("burnPasswordCheck", () => {
  it("resolves to nothing, spending the work of a real check", async () => {
    await expect(burnPasswordCheck(PASSWORD)).resolves.toBeUndefined();
  });
});
