import { generateKeyPairSync, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkDeploymentConfig,
  DEV_JWT_SECRET,
  DEV_SIGNING_KID_PREFIX,
  JWT_SECRET_MIN_LENGTH,
  parseOrigins,
  parseSigningJwk,
} from "./config-guard";

/** A private EC P-256 JWK as node:crypto exports it, with a kid: what FHIR_SIGNING_KEY holds. */
function signingJwk(kid: string): Record<string, string> {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return { ...(privateKey.export({ format: "jwk" }) as Record<string, string>), kid };
}
const GOOD_JWK = signingJwk("haven-fhir-2026-01");
const GOOD_KEY = JSON.stringify(GOOD_JWK);
/** A Web Push (VAPID) key and contact, as a deployment sets them. */
const PUSH = {
  VAPID_PRIVATE_KEY: JSON.stringify(signingJwk("haven-vapid-2026-01")),
  VAPID_SUBJECT: "mailto:ops@clinic.example.org",
};

/** 48 random bytes, base64url: what `node -e "...randomBytes(48).toString('base64url')"` prints. */
const GOOD_SECRET = "kP0tFt7jfm8Kta0xoRU2df47ciJiNYd-10zkpIA-4M7uaPuwQ8o8XdanzqMTNEyh";
const goodSecret = () => GOOD_SECRET;
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** Uniformly random 64-character base64url strings: exactly the encodings of 48 random bytes. */
const randomSecret = fc.noBias(fc.string({ unit: fc.constantFrom(...BASE64URL), minLength: 64, maxLength: 64 }));

function problemsFor(key: string, config: Parameters<typeof checkDeploymentConfig>[0]): string[] {
  return checkDeploymentConfig(config)
    .filter((p) => p.key === key)
    .map((p) => p.problem);
}

describe("checkDeploymentConfig: environment", () => {
  it("exempts development from every rule, even with no secret and a wildcard origin", () => {
    expect(checkDeploymentConfig({ ENVIRONMENT: "development" })).toEqual([]);
    expect(checkDeploymentConfig({ ENVIRONMENT: "development", JWT_SECRET: "x", CORS_ORIGINS: "*" })).toEqual([]);
  });

  it("reports a missing ENVIRONMENT as a problem", () => {
    expect(checkDeploymentConfig({ JWT_SECRET: goodSecret() })).toEqual([
      { key: "ENVIRONMENT", problem: "must be one of development, staging, production" },
    ]);
  });

  it("reports an unknown or mistyped ENVIRONMENT as a problem, so a typo cannot switch the guards off", () => {
    for (const env of ["prod", "Production", "dev", "test", "", " production"]) {
      const problems = checkDeploymentConfig({ ENVIRONMENT: env, JWT_SECRET: goodSecret() });
      expect(problems.map((p) => p.key)).toEqual(["ENVIRONMENT"]);
    }
  });

  it("accepts production and staging with a random secret and no CORS origins", () => {
    for (const env of ["production", "staging"]) {
      expect(
        checkDeploymentConfig({ ENVIRONMENT: env, JWT_SECRET: goodSecret(), FHIR_SIGNING_KEY: GOOD_KEY, ...PUSH }),
      ).toEqual([]);
      expect(
        checkDeploymentConfig({
          ENVIRONMENT: env,
          JWT_SECRET: goodSecret(),
          FHIR_SIGNING_KEY: GOOD_KEY,
          ...PUSH,
          CORS_ORIGINS: "",
        }),
      ).toEqual([]);
    }
  });
});

describe("checkDeploymentConfig: JWT_SECRET outside development", () => {
  for (const env of ["production", "staging"]) {
    describe(env, () => {
      it("refuses a missing or empty secret", () => {
        expect(problemsFor("JWT_SECRET", { ENVIRONMENT: env })).toEqual([expect.stringMatching(/missing/)]);
        expect(problemsFor("JWT_SECRET", { ENVIRONMENT: env, JWT_SECRET: "" })).toEqual([
          expect.stringMatching(/missing/),
        ]);
      });

      it("refuses the local development default", () => {
        expect(problemsFor("JWT_SECRET", { ENVIRONMENT: env, JWT_SECRET: DEV_JWT_SECRET })).toEqual([
          expect.stringMatching(/development default/),
        ]);
      });

      it("refuses a secret shorter than 32 characters", () => {
        const short = goodSecret().slice(0, JWT_SECRET_MIN_LENGTH - 1);
        expect(problemsFor("JWT_SECRET", { ENVIRONMENT: env, JWT_SECRET: short })).toEqual([
          expect.stringMatching(/shorter than 32/),
        ]);
      });

      it("refuses a placeholder-looking secret whatever its case", () => {
        for (const secret of [
          "changeme-please-abcdefghijklmnopqrstuvwxyz",
          "CHANGE-ME-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456",
          "insecure-qwertyuiopasdfghjklzxcvbnm012345",
          "my-Secret-qwertyuiopasdfghjklzxcvbnm012345",
          "Password-qwertyuiopasdfghjklzxcvbnm0123456",
          "example-qwertyuiopasdfghjklzxcvbnm01234567",
          "default-qwertyuiopasdfghjklzxcvbnm01234567",
        ]) {
          expect(problemsFor("JWT_SECRET", { ENVIRONMENT: env, JWT_SECRET: secret })).toEqual([
            expect.stringMatching(/placeholder/),
          ]);
        }
      });

      it("refuses a long secret with fewer than 12 distinct characters", () => {
        for (const secret of ["a".repeat(64), "0123456789a".repeat(4), "abababababababababababababababababab"]) {
          expect(problemsFor("JWT_SECRET", { ENVIRONMENT: env, JWT_SECRET: secret })).toEqual([
            expect.stringMatching(/distinct characters/),
          ]);
        }
      });

      it("accepts any random 48-byte base64url secret", () => {
        fc.assert(
          fc.property(randomSecret, (secret) => {
            expect(
              checkDeploymentConfig({ ENVIRONMENT: env, JWT_SECRET: secret, FHIR_SIGNING_KEY: GOOD_KEY, ...PUSH }),
            ).toEqual([]);
          }),
        );
        expect(
          checkDeploymentConfig({ ENVIRONMENT: env, JWT_SECRET: GOOD_SECRET, FHIR_SIGNING_KEY: GOOD_KEY, ...PUSH }),
        ).toEqual([]);
      });
    });
  }
});

describe("checkDeploymentConfig: FHIR_SIGNING_KEY outside development", () => {
  const keyProblems = (env: string, FHIR_SIGNING_KEY: string | undefined) =>
    problemsFor("FHIR_SIGNING_KEY", { ENVIRONMENT: env, JWT_SECRET: GOOD_SECRET, FHIR_SIGNING_KEY });

  for (const env of ["production", "staging"]) {
    describe(env, () => {
      it("refuses a missing, empty or blank key", () => {
        for (const key of [undefined, "", "  "]) expect(keyProblems(env, key)).toEqual(["is missing"]);
      });

      it("refuses a generated development key (kid dev-…)", () => {
        const dev = JSON.stringify(signingJwk(`${DEV_SIGNING_KID_PREFIX}${randomBytes(8).toString("hex")}`));
        expect(keyProblems(env, dev)).toEqual([expect.stringMatching(/local development key/)]);
      });

      it("accepts any freshly generated P-256 private key with a non-development kid", () => {
        for (let i = 0; i < 5; i++) {
          const key = JSON.stringify(signingJwk(`fhir-${randomBytes(4).toString("hex")}`));
          expect(
            checkDeploymentConfig({ ENVIRONMENT: env, JWT_SECRET: GOOD_SECRET, FHIR_SIGNING_KEY: key, ...PUSH }),
          ).toEqual([]);
        }
      });
    });
  }

  it("never quotes the key in a problem", () => {
    const dev = JSON.stringify(signingJwk("dev-0123"));
    const problems = checkDeploymentConfig({
      ENVIRONMENT: "production",
      JWT_SECRET: GOOD_SECRET,
      FHIR_SIGNING_KEY: dev,
    });
    expect(JSON.stringify(problems)).not.toContain(JSON.parse(dev).d);
    expect(JSON.stringify(problems)).not.toContain("dev-0123");
  });

  it("is not required in development", () => {
    expect(checkDeploymentConfig({ ENVIRONMENT: "development", JWT_SECRET: GOOD_SECRET })).toEqual([]);
  });
});

describe("parseSigningJwk", () => {
  const { x, y, d } = GOOD_JWK as { x: string; y: string; d: string };

  it("returns the key's EC fields and kid, dropping anything else", () => {
    const parsed = parseSigningJwk(JSON.stringify({ ...GOOD_JWK, alg: "ES256", extra: "ignored" }));
    expect(parsed).toEqual({ jwk: { kty: "EC", crv: "P-256", x, y, d, kid: "haven-fhir-2026-01", alg: "ES256" } });
  });

  it.each([
    ["not JSON", "{kty: EC}", /not JSON/],
    ["a JSON string", JSON.stringify("key"), /not a JSON object/],
    ["a JSON array", "[]", /not a JSON object/],
    ["an RSA key", JSON.stringify({ kty: "RSA", n: "x", e: "AQAB", kid: "k" }), /EC P-256/],
    ["a P-384 key", JSON.stringify({ ...GOOD_JWK, crv: "P-384" }), /EC P-256/],
    ["a symmetric key", JSON.stringify({ kty: "oct", k: "abc", kid: "k" }), /EC P-256/],
    ["a public key (no d)", JSON.stringify({ kty: "EC", crv: "P-256", x, y, kid: "k" }), /not a private key/],
    ["a key with a short d", JSON.stringify({ ...GOOD_JWK, d: "abc" }), /not a private key/],
    ["a key without y", JSON.stringify({ kty: "EC", crv: "P-256", x, d, kid: "k" }), /public coordinates/],
    ["a key with padded x", JSON.stringify({ ...GOOD_JWK, x: `${x}=` }), /public coordinates/],
    ["a key without kid", JSON.stringify({ kty: "EC", crv: "P-256", x, y, d }), /no kid/],
    ["a key with an empty kid", JSON.stringify({ ...GOOD_JWK, kid: " " }), /no kid/],
    ["a key for another alg", JSON.stringify({ ...GOOD_JWK, alg: "ES384" }), /alg other than ES256/],
  ])("refuses %s", (_name, value, problem) => {
    const parsed = parseSigningJwk(value);
    expect("problem" in parsed && parsed.problem).toMatch(problem);
  });
});

describe("checkDeploymentConfig: CORS_ORIGINS outside development", () => {
  const base = { ENVIRONMENT: "production", JWT_SECRET: goodSecret(), FHIR_SIGNING_KEY: GOOD_KEY, ...PUSH };
  const corsProblems = (CORS_ORIGINS: string) => problemsFor("CORS_ORIGINS", { ...base, CORS_ORIGINS });

  it("refuses the wildcard *", () => {
    expect(corsProblems("*")).toEqual([expect.stringMatching(/wildcard/)]);
  });

  it("refuses a wildcard subdomain such as https://*.example.com", () => {
    expect(corsProblems("https://*.example.com")).toEqual([expect.stringMatching(/wildcard/)]);
  });

  it("refuses a plain-http origin, naming it", () => {
    const [problem] = corsProblems("http://app.example.com");
    expect(problem).toMatch(/non-https/);
    expect(problem).toContain("http://app.example.com");
  });

  it.each(["https://app.example.com/app", "https://app.example.com/", "https://app.example.com?x=1"])(
    "refuses the origin with a path, query or trailing slash %s",
    (origin) => {
      const problems = corsProblems(origin);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/bare origin/);
      expect(problems[0]).toContain(origin);
    },
  );

  it.each([
    "app.example.com",
    "not a url",
    "https://",
    "https://...",
    "https://app.example.com:70000",
    "https://-a.example",
  ])("refuses the entry %j, which is not an origin at all", (entry) => {
    const problems = corsProblems(entry);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(entry);
  });

  it("reports every bad entry in a list, and only the bad ones", () => {
    const problems = corsProblems("https://ok.example.com, http://a.example.com, *");
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/non-https.*http:\/\/a\.example\.com/);
    expect(problems[1]).toMatch(/wildcard/);
  });

  it("accepts bare https origins, with a port, separated by commas and spaces", () => {
    const CORS_ORIGINS = "https://app.example.com, https://admin.example.org:8443 ,https://x.example.net";
    expect(checkDeploymentConfig({ ...base, CORS_ORIGINS })).toEqual([]);
  });

  it("accepts an empty or whitespace-only list", () => {
    expect(checkDeploymentConfig({ ...base, CORS_ORIGINS: "" })).toEqual([]);
    expect(checkDeploymentConfig({ ...base, CORS_ORIGINS: " , ," })).toEqual([]);
  });
});

describe("parseOrigins", () => {
  it("splits on commas, trims, and drops empty entries", () => {
    expect(parseOrigins(" https://a.example , ,https://b.example,")).toEqual([
      "https://a.example",
      "https://b.example",
    ]);
  });

  it("gives an empty list for undefined or an empty string", () => {
    expect(parseOrigins(undefined)).toEqual([]);
    expect(parseOrigins("")).toEqual([]);
  });

  it("round-trips any list of comma-free, non-blank entries joined with commas", () => {
    const entry = fc.string({ minLength: 1 }).filter((s) => !s.includes(",") && s.trim() === s && s.length > 0);
    fc.assert(
      fc.property(fc.array(entry), (entries) => {
        expect(parseOrigins(entries.join(", "))).toEqual(entries);
      }),
    );
  });
});

describe("checkDeploymentConfig: Web Push and email", () => {
  const base = { ENVIRONMENT: "production", JWT_SECRET: GOOD_SECRET, FHIR_SIGNING_KEY: GOOD_KEY, ...PUSH };

  it("accepts a real VAPID key with a mailto: or https: contact", () => {
    expect(checkDeploymentConfig(base)).toEqual([]);
    expect(checkDeploymentConfig({ ...base, VAPID_SUBJECT: "https://clinic.example.org/contact" })).toEqual([]);
  });

  it("refuses a missing, malformed or development VAPID key", () => {
    expect(problemsFor("VAPID_PRIVATE_KEY", { ...base, VAPID_PRIVATE_KEY: undefined })).toEqual(["is missing"]);
    expect(problemsFor("VAPID_PRIVATE_KEY", { ...base, VAPID_PRIVATE_KEY: "{}" })).toHaveLength(1);
    const devKey = JSON.stringify(signingJwk(`${DEV_SIGNING_KID_PREFIX}abc`));
    expect(problemsFor("VAPID_PRIVATE_KEY", { ...base, VAPID_PRIVATE_KEY: devKey })[0]).toMatch(/development key/);
  });

  it("refuses a missing contact, one that is neither mailto: nor https:, and the shipped placeholder", () => {
    for (const subject of [
      undefined,
      "",
      "ops@clinic.example.org",
      "http://clinic.example.org",
      "mailto:ops@haven.invalid",
    ]) {
      expect(problemsFor("VAPID_SUBJECT", { ...base, VAPID_SUBJECT: subject }), String(subject)).toHaveLength(1);
    }
  });

  it("needs no email at all, but a named provider needs its key and a sender address", () => {
    expect(checkDeploymentConfig({ ...base, EMAIL_PROVIDER: "" })).toEqual([]);
    const resend = {
      ...base,
      EMAIL_PROVIDER: "resend",
      EMAIL_API_KEY: "re_123",
      EMAIL_FROM: "care@clinic.example.org",
    };
    expect(checkDeploymentConfig(resend)).toEqual([]);
    expect(problemsFor("EMAIL_API_KEY", { ...resend, EMAIL_API_KEY: "" })).toHaveLength(1);
    expect(problemsFor("EMAIL_FROM", { ...resend, EMAIL_FROM: "Haven <care@clinic.example.org>" })).toHaveLength(1);
    expect(problemsFor("EMAIL_PROVIDER", { ...resend, EMAIL_PROVIDER: "sendmail" })).toHaveLength(1);
  });
});

describe(".dev.vars.example", () => {
  const text = readFileSync(new URL("../.dev.vars.example", import.meta.url), "utf8");
  const vars = new Map(
    text
      .split(/\r?\n/)
      .filter((line: string) => /^[A-Z_]+=/.test(line))
      .map((line: string) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)] as const),
  );

  it("ships DEV_JWT_SECRET as its JWT_SECRET", () => {
    expect(vars.get("JWT_SECRET")).toBe(DEV_JWT_SECRET);
  });

  it("leaves FHIR_SIGNING_KEY and VAPID_PRIVATE_KEY empty: npm start generates development keys into .dev.vars", () => {
    expect(vars.get("FHIR_SIGNING_KEY")).toBe("");
    expect(vars.get("VAPID_PRIVATE_KEY")).toBe("");
  });

  it("sends no email: EMAIL_PROVIDER is empty", () => {
    expect(vars.get("EMAIL_PROVIDER")).toBe("");
  });

  it("sets ENVIRONMENT=development, the only environment that accepts its defaults", () => {
    expect(vars.get("ENVIRONMENT")).toBe("development");
    expect(checkDeploymentConfig(Object.fromEntries(vars))).toEqual([]);
    expect(checkDeploymentConfig({ ...Object.fromEntries(vars), ENVIRONMENT: "production" })).not.toEqual([]);
  });
});
