import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromBase32, fromBase64Url, toBase32, toBase64Url, toHex } from "./encoding";

const ascii = (text: string) => new TextEncoder().encode(text);

describe("base64url", () => {
  it("round-trips arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }),
    );
  });

  it("never emits +, / or = padding", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(toBase64Url(bytes)).toMatch(/^[A-Za-z0-9_-]*$/);
      }),
    );
  });

  it("uses - and _ where standard base64 would use + and /", () => {
    expect(toBase64Url(Uint8Array.of(0xfb, 0xff, 0xbf))).toBe("-_-_");
    expect(fromBase64Url("-_-_")).toEqual(Uint8Array.of(0xfb, 0xff, 0xbf));
  });

  it.each([
    ["", ""],
    ["f", "Zg"],
    ["fo", "Zm8"],
    ["foo", "Zm9v"],
    ["foob", "Zm9vYg"],
    ["fooba", "Zm9vYmE"],
    ["foobar", "Zm9vYmFy"],
  ])("encodes the RFC 4648 vector %j as %j without padding", (text, encoded) => {
    expect(toBase64Url(ascii(text))).toBe(encoded);
    expect(fromBase64Url(encoded)).toEqual(ascii(text));
  });

  it("has the unpadded length ceil(4n/3)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(toBase64Url(bytes)).toHaveLength(Math.ceil((bytes.length * 4) / 3));
      }),
    );
  });
});

describe("base32", () => {
  it("round-trips arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(fromBase32(toBase32(bytes))).toEqual(bytes);
      }),
    );
  });

  it("emits only the RFC 4648 alphabet, without padding, of length ceil(8n/5)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = toBase32(bytes);
        expect(text).toMatch(/^[A-Z2-7]*$/);
        expect(text).toHaveLength(Math.ceil((bytes.length * 8) / 5));
      }),
    );
  });

  it.each([
    ["", ""],
    ["f", "MY"],
    ["fo", "MZXQ"],
    ["foo", "MZXW6"],
    ["foob", "MZXW6YQ"],
    ["fooba", "MZXW6YTB"],
    ["foobar", "MZXW6YTBOI"],
  ])("encodes the RFC 4648 vector %j as %j without padding", (text, encoded) => {
    expect(toBase32(ascii(text))).toBe(encoded);
    expect(fromBase32(encoded)).toEqual(ascii(text));
  });

  it("encodes the RFC 6238 test secret as GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", () => {
    expect(toBase32(ascii("12345678901234567890"))).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  });

  it("decodes lowercase and padded input, as authenticator apps may show it", () => {
    expect(fromBase32("mzxw6ytboi")).toEqual(ascii("foobar"));
    expect(fromBase32("MY======")).toEqual(ascii("f"));
    expect(fromBase32("MZXW6YQ=")).toEqual(ascii("foob"));
  });

  it("throws on characters outside the alphabet", () => {
    expect(() => fromBase32("MZXW1")).toThrow();
    expect(() => fromBase32("MZ XW")).toThrow();
  });
});

describe("toHex", () => {
  it("writes two lowercase hex digits per byte", () => {
    expect(toHex(Uint8Array.of(0, 1, 0xab, 0xff))).toBe("0001abff");
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const hex = toHex(bytes);
        expect(hex).toMatch(/^(?:[0-9a-f]{2})*$/);
        expect(hex).toHaveLength(bytes.length * 2);
      }),
    );
  });
});
