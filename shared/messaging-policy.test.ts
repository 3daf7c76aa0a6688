import { describe, expect, it } from "vitest";
import { canBlock, canMessage, MESSAGING_POLICY, messageRefusal } from "./messaging-policy";
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

describe("messageRefusal", () => {
  it("puts the role table first, then the care assignment between a patient and care staff, then blocks", () => {
    for (const from of ROLES) {
      for (const to of ROLES) {
        for (const assigned of [false, true]) {
          for (const blocked of [false, true]) {
            const refusal = messageRefusal({ from, to, assigned, blocked });
            const care =
              (from === "patient" && (to === "therapist" || to === "clinician")) ||
              (to === "patient" && (from === "therapist" || from === "clinician"));
            const expected = !canMessage(from, to)
              ? "MESSAGE_NOT_ALLOWED"
              : care && !assigned
                ? "CARE_ASSIGNMENT_REQUIRED"
                : blocked
                  ? "MESSAGE_BLOCKED"
                  : null;
            expect(refusal, `${from} → ${to}, assigned ${assigned}, blocked ${blocked}`).toBe(expected);
          }
        }
      }
    }
  });

  it("needs no assignment between staff, or for an admin", () => {
    expect(messageRefusal({ from: "therapist", to: "clinician", assigned: false, blocked: false })).toBeNull();
    expect(messageRefusal({ from: "admin", to: "patient", assigned: false, blocked: false })).toBeNull();
    expect(messageRefusal({ from: "patient", to: "admin", assigned: false, blocked: false })).toBeNull();
  });

  it("lets only a patient block, and only another patient", () => {
    expect(canBlock("patient", "patient")).toBe(true);
    for (const role of ["therapist", "clinician", "admin"] as const) {
      expect(canBlock("patient", role)).toBe(false);
      expect(canBlock(role, "patient")).toBe(false);
    }
  });
});
