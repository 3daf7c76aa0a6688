import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS } from "./common-passwords";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./limits";
import { isCommonPassword, passwordLengthOk } from "./password-policy";

describe("isCommonPassword", () => {
  it("refuses a common password as listed", () => {
    expect(isCommonPassword("qwerty123456")).toBe(true);
    expect(isCommonPassword("password1234")).toBe(true);
  });

  it("refuses a common password whatever its case", () => {
    expect(isCommonPassword("QWERTY123456")).toBe(true);
    expect(isCommonPassword("PassWord1234")).toBe(true);
  });

  it("refuses a common password with the surrounding whitespace a paste can add", () => {
    expect(isCommonPassword("  qwerty123456 ")).toBe(true);
    expect(isCommonPassword("\tPASSWORD1234\n")).toBe(true);
  });

  it("refuses every listed password in upper case with surrounding spaces", () => {
    fc.assert(
      fc.property(fc.constantFrom(...COMMON_PASSWORDS), fc.constantFrom("", " ", "\t", "\n "), (p, pad) => {
        expect(isCommonPassword(`${pad}${p.toUpperCase()}${pad}`)).toBe(true);
      }),
    );
  });

  it("accepts an uncommon long passphrase", () => {
    expect(isCommonPassword("violet tractor mumbles under seven lanterns")).toBe(false);
  });

  it("does not refuse a common password with inner characters changed", () => {
    expect(isCommonPassword("qwerty 123456")).toBe(false);
    expect(isCommonPassword("qwerty1234567")).toBe(false);
  });
});

describe("passwordLengthOk", () => {
  it("refuses 11 characters and accepts 12", () => {
    expect(passwordLengthOk("a".repeat(11))).toBe(false);
    expect(passwordLengthOk("a".repeat(12))).toBe(true);
  });

  it("counts an emoji as one character, not two UTF-16 units: 11 emoji are refused", () => {
    const eleven = "😀".repeat(11);
    expect(eleven.length).toBe(22);
    expect(passwordLengthOk(eleven)).toBe(false);
  });

  it("accepts 12 emoji", () => {
    expect(passwordLengthOk("😀".repeat(12))).toBe(true);
  });

  it("accepts 128 emoji and refuses 129", () => {
    expect(passwordLengthOk("🔒".repeat(128))).toBe(true);
    expect(passwordLengthOk("🔒".repeat(129))).toBe(false);
  });

  it("accepts 128 ASCII characters and refuses 129", () => {
    expect(passwordLengthOk("x".repeat(128))).toBe(true);
    expect(passwordLengthOk("x".repeat(129))).toBe(false);
  });

  it("refuses the empty string", () => {
    expect(passwordLengthOk("")).toBe(false);
  });

  it("agrees with the code-point length for any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (s) => {
        const n = [...s].length;
        expect(passwordLengthOk(s)).toBe(n >= PASSWORD_MIN_LENGTH && n <= PASSWORD_MAX_LENGTH);
      }),
    );
  });
});

describe("COMMON_PASSWORDS", () => {
  it("is a non-trivial list without duplicates", () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThan(100);
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
  });

  it("holds only lowercase entries without surrounding whitespace, so each can match", () => {
    const unmatched = COMMON_PASSWORDS.filter((p) => p !== p.toLowerCase() || p !== p.trim());
    expect(unmatched).toEqual([]);
  });

  it("holds only entries of 12 to 128 characters, the ones the length rule lets through", () => {
    const outOfRange = COMMON_PASSWORDS.filter((p) => [...p].length < 12 || [...p].length > 128);
    expect(outOfRange).toEqual([]);
    expect(COMMON_PASSWORDS.every(passwordLengthOk)).toBe(true);
  });
});
