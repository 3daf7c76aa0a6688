import { describe, expect, it } from "vitest";
import { canMessage, MESSAGING_POLICY } from "./messaging-policy";
import { ROLES } from "./roles";

// The product's table, written out again here on purpose: a change to the policy must change both.
const EXPECTED: Record<string, Record<string, boolean>> = {
  patient: { patient: true, therapist: true, clinician: false, admin: true },
  therapist: { patient: true, therapist: true, clinician: true, admin: true },
  clinician: { patient: true, therapist: true, clinician: true, admin: true },
  admin: { patient: true, therapist: true, clinician: true, admin: true },
};

describe("the messaging policy", () => {
  for (const from of ROLES) {
    for (const to of ROLES) {
      it(`${EXPECTED[from]?.[to] ? "allows" : "refuses"} ${from} → ${to}`, () => {
        expect(canMessage(from, to)).toBe(EXPECTED[from]?.[to]);
      });
    }
  }

  it("covers every role pair and nothing else", () => {
    expect(Object.keys(MESSAGING_POLICY).sort()).toEqual([...ROLES].sort());
    for (const row of Object.values(MESSAGING_POLICY)) expect(Object.keys(row).sort()).toEqual([...ROLES].sort());
  });
});
