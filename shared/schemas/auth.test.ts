import { describe, expect, it } from "vitest";
import { loginBody, mfaCode, registerBody, updateProfileBody } from "./auth";

const validRegistration = {
  email: "ada@example.com",
  password: "violet tractor mumbles",
  displayName: "Ada",
  timezone: "Europe/London",
};

describe("registerBody", () => {
  it("accepts a valid registration", () => {
    expect(registerBody.safeParse(validRegistration).success).toBe(true);
  });

  it("trims and lowercases the email", () => {
    const parsed = registerBody.parse({ ...validRegistration, email: "  Ada.Lovelace@Example.COM " });
    expect(parsed.email).toBe("ada.lovelace@example.com");
  });

  it("trims the display name", () => {
    expect(registerBody.parse({ ...validRegistration, displayName: "  Ada  " }).displayName).toBe("Ada");
  });

  it("rejects unknown fields", () => {
    const result = registerBody.safeParse({ ...validRegistration, role: "admin" });
    expect(result.success).toBe(false);
  });

  it.each(["not-an-email", "ada@", "@example.com", "ada example.com", ""])("rejects the bad email %j", (email) => {
    expect(registerBody.safeParse({ ...validRegistration, email }).success).toBe(false);
  });

  it("rejects a password shorter than 12 characters and accepts one of exactly 12", () => {
    expect(registerBody.safeParse({ ...validRegistration, password: "a".repeat(11) }).success).toBe(false);
    expect(registerBody.safeParse({ ...validRegistration, password: "a".repeat(12) }).success).toBe(true);
  });

  it("rejects a password longer than 128 characters", () => {
    expect(registerBody.safeParse({ ...validRegistration, password: "a".repeat(129) }).success).toBe(false);
  });

  it("rejects an offset instead of an IANA time zone", () => {
    expect(registerBody.safeParse({ ...validRegistration, timezone: "+01:00" }).success).toBe(false);
  });

  it("rejects a missing field", () => {
    const { displayName: _omit, ...rest } = validRegistration;
    expect(registerBody.safeParse(rest).success).toBe(false);
  });
});

describe("loginBody", () => {
  it("accepts an email and any non-empty password, normalising the email", () => {
    const parsed = loginBody.parse({ email: " ADA@example.com", password: "short" });
    expect(parsed).toEqual({ email: "ada@example.com", password: "short" });
  });

  it("rejects an empty password", () => {
    expect(loginBody.safeParse({ email: "ada@example.com", password: "" }).success).toBe(false);
  });

  it("rejects a password far beyond the maximum length, so nobody makes us hash a megabyte", () => {
    expect(loginBody.safeParse({ email: "ada@example.com", password: "a".repeat(513) }).success).toBe(false);
  });

  it("rejects unknown fields", () => {
    expect(loginBody.safeParse({ email: "ada@example.com", password: "x", remember: true }).success).toBe(false);
  });
});

describe("mfaCode", () => {
  it.each(["123456", "abcde-fghjk", "ABCDEFGHJK", "abcdefghjk", " 123456 "])("accepts %j", (code) => {
    expect(mfaCode.safeParse(code).success).toBe(true);
  });

  it("trims the code it accepts", () => {
    expect(mfaCode.parse(" 654321\n")).toBe("654321");
  });

  it("drops spaces inside a code, as authenticator apps display them and people paste them", () => {
    expect(mfaCode.parse("654 321")).toBe("654321");
    expect(mfaCode.parse("abcde fghjk")).toBe("abcdefghjk");
  });

  it.each(["12345", "1234567", "12345a", "abcd-efghj", "abcde--fghjk", "abcde_fghjk", ""])("rejects %j", (code) => {
    expect(mfaCode.safeParse(code).success).toBe(false);
  });
});

describe("updateProfileBody", () => {
  it("rejects an empty object", () => {
    expect(updateProfileBody.safeParse({}).success).toBe(false);
  });

  it("accepts a single field", () => {
    expect(updateProfileBody.parse({ dayStartHour: 5 })).toEqual({ dayStartHour: 5 });
  });

  it("accepts day-start hours 0 and 23 and rejects 24, -1 and 4.5", () => {
    expect(updateProfileBody.safeParse({ dayStartHour: 0 }).success).toBe(true);
    expect(updateProfileBody.safeParse({ dayStartHour: 23 }).success).toBe(true);
    expect(updateProfileBody.safeParse({ dayStartHour: 24 }).success).toBe(false);
    expect(updateProfileBody.safeParse({ dayStartHour: -1 }).success).toBe(false);
    expect(updateProfileBody.safeParse({ dayStartHour: 4.5 }).success).toBe(false);
  });

  it("rejects unknown fields such as email or role", () => {
    expect(updateProfileBody.safeParse({ displayName: "Ada", role: "admin" }).success).toBe(false);
  });

  it("rejects a blank display name", () => {
    expect(updateProfileBody.safeParse({ displayName: "   " }).success).toBe(false);
  });
});
