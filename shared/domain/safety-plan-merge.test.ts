import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SAFETY_SECTIONS, type SafetyPlan, type SafetySection } from "../schemas/wellbeing";
import {
  applyOps,
  CHANGES_KEPT,
  type DraftSections,
  diffPlan,
  emptyPlan,
  fromLegacy,
  legacyOps,
  type MergedPlan,
  planFromView,
  readStoredPlan,
  safetyPlanView,
  storedJson,
} from "./safety-plan-merge";

const T0 = "2026-03-01T10:00:00.000Z";
const T1 = "2026-03-02T10:00:00.000Z";
const T2 = "2026-03-03T10:00:00.000Z";
const patient = { by: "patient", at: T1 };
const clinician = { by: "clinician", at: T2 };

const legacy = (over: Partial<SafetyPlan> = {}): SafetyPlan => ({
  warningSigns: [],
  copingSteps: [],
  peopleAndPlaces: [],
  professionals: [],
  safeEnvironment: [],
  ...over,
});
const draftOf = (plan: MergedPlan): DraftSections =>
  Object.fromEntries(
    SAFETY_SECTIONS.map((s) => [s, plan.sections[s].map(({ id, text }) => ({ id, text }))]),
  ) as DraftSections;
const texts = (plan: MergedPlan, s: SafetySection) => plan.sections[s].map((i) => i.text);

describe("safety plan items", () => {
  it("a plan saved before ids gets the same stable ids on the server and on a device", () => {
    const old = legacy({ warningSigns: ["A", "B"] });
    const server = readStoredPlan(JSON.stringify(old), "patient", T0);
    const device = planFromView({ ...old, updatedBy: "patient", updatedAt: T0 });
    expect(server.sections.warningSigns.map((i) => i.id)).toEqual(["warningSigns-0", "warningSigns-1"]);
    expect(device).toEqual(server);
    expect(server.sections.warningSigns[0]).toMatchObject({ addedBy: "patient", addedAt: T0 });
  });

  it("stored and read back, a plan is unchanged; its view carries the texts older clients read", () => {
    const { plan } = applyOps(emptyPlan(), [{ op: "add", section: "copingSteps", id: "c1", text: "Tea" }], patient);
    expect(readStoredPlan(storedJson(plan), "patient", T1)).toEqual(plan);
    const view = safetyPlanView(plan);
    expect(view.copingSteps).toEqual(["Tea"]);
    expect(planFromView(view)).toEqual(plan);
  });

  it("a clinician's addition and the patient's edit from the older version are both kept", () => {
    const base = fromLegacy(legacy({ warningSigns: ["Not sleeping"] }), "patient", T0);
    const draft = draftOf(base);
    draft.warningSigns = [{ id: "warningSigns-0", text: "Not sleeping for two nights" }];
    draft.copingSteps = [{ id: "new", text: "Walk" }];
    const patientOps = diffPlan(base.sections, draft);
    const afterClinician = applyOps(
      base,
      [{ op: "add", section: "professionals", id: "gp", text: "GP" }],
      clinician,
    ).plan;
    const { plan, conflicts } = applyOps(afterClinician, patientOps, { by: "patient", at: T2 });
    expect(conflicts).toEqual([]);
    expect(texts(plan, "warningSigns")).toEqual(["Not sleeping for two nights"]);
    expect(texts(plan, "professionals")).toEqual(["GP"]);
    expect(texts(plan, "copingSteps")).toEqual(["Walk"]);
    expect(plan.sections.professionals[0]).toMatchObject({ addedBy: "clinician" });
    expect(plan.version).toBe(2);
  });

  it("the same item edited on both sides: the later write wins and is recorded as replacing the other", () => {
    const base = applyOps(emptyPlan(), [{ op: "add", section: "copingSteps", id: "m", text: "Music" }], patient).plan;
    const one = applyOps(
      base,
      [{ op: "edit", section: "copingSteps", id: "m", text: "Calm music", from: "Music" }],
      clinician,
    );
    const two = applyOps(
      one.plan,
      [{ op: "edit", section: "copingSteps", id: "m", text: "Loud music", from: "Music" }],
      {
        by: "patient",
        at: "2026-03-04T00:00:00.000Z",
      },
    );
    expect(texts(two.plan, "copingSteps")).toEqual(["Loud music"]);
    expect(two.conflicts).toHaveLength(1);
    expect(two.conflicts[0]?.overwrote).toEqual({ by: "clinician", at: T2, text: "Calm music" });
  });

  it("an edit of an item removed elsewhere brings it back, and a removal of an item changed since is recorded", () => {
    const base = applyOps(emptyPlan(), [{ op: "add", section: "warningSigns", id: "w", text: "Pacing" }], patient).plan;
    const removed = applyOps(
      base,
      [{ op: "remove", section: "warningSigns", id: "w", from: "Pacing" }],
      clinician,
    ).plan;
    const back = applyOps(
      removed,
      [{ op: "edit", section: "warningSigns", id: "w", text: "Pacing at night", from: "Pacing" }],
      patient,
    );
    expect(texts(back.plan, "warningSigns")).toEqual(["Pacing at night"]);
    expect(back.conflicts[0]?.overwrote).toMatchObject({ by: "clinician", text: null });
    const edited = applyOps(
      base,
      [{ op: "edit", section: "warningSigns", id: "w", text: "Pacing a lot", from: "Pacing" }],
      clinician,
    ).plan;
    const gone = applyOps(edited, [{ op: "remove", section: "warningSigns", id: "w", from: "Pacing" }], patient);
    expect(texts(gone.plan, "warningSigns")).toEqual([]);
    expect(gone.conflicts[0]).toMatchObject({ kind: "removed", overwrote: { by: "clinician", text: "Pacing a lot" } });
  });

  it("a whole plan from an older client keeps items changed after its own time and removes ones it saw", () => {
    const base = fromLegacy(legacy({ warningSigns: ["A", "B"] }), "patient", T0);
    const withGp = applyOps(base, [{ op: "add", section: "professionals", id: "gp", text: "GP" }], clinician).plan;
    const ops = legacyOps(withGp, legacy({ warningSigns: ["B", "C"] }), Date.parse(T1), () => "fresh");
    const { plan } = applyOps(withGp, ops, { by: "patient", at: T2 });
    expect(texts(plan, "warningSigns")).toEqual(["B", "C"]);
    expect(texts(plan, "professionals")).toEqual(["GP"]);
    // Sent after the clinician's change (a plain REST client that saw it): a whole replacement.
    const later = legacyOps(withGp, legacy({ warningSigns: ["B"] }), Date.parse(T2) + 1, () => "x");
    expect(texts(applyOps(withGp, later, patient).plan, "professionals")).toEqual([]);
  });

  it("an operation that changes nothing leaves the plan (and its version) alone; the change list is bounded", () => {
    const base = applyOps(emptyPlan(), [{ op: "add", section: "copingSteps", id: "m", text: "Music" }], patient).plan;
    const same = applyOps(
      base,
      [{ op: "edit", section: "copingSteps", id: "m", text: "Music", from: "Music" }],
      patient,
    );
    expect(same.plan).toBe(base);
    let plan = base;
    for (let i = 0; i < CHANGES_KEPT + 5; i++) {
      plan = applyOps(plan, [{ op: "edit", section: "copingSteps", id: "m", text: `Music ${i}` }], patient).plan;
    }
    expect(plan.changes).toHaveLength(CHANGES_KEPT);
    expect(plan.changes.at(-1)?.text).toBe(`Music ${CHANGES_KEPT + 4}`);
  });
});

/** A random edit of a plan, as an editor makes one: keep, change or drop each item, add new ones. */
function arbitraryDraft(plan: MergedPlan, tag: string) {
  const n = SAFETY_SECTIONS.reduce((sum, s) => sum + plan.sections[s].length, 0);
  return fc
    .record({
      fates: fc.array(fc.constantFrom("keep", "edit", "drop"), { minLength: n, maxLength: n }),
      added: fc.array(
        fc.record({ section: fc.constantFrom(...SAFETY_SECTIONS), text: fc.string({ minLength: 1, maxLength: 8 }) }),
        {
          maxLength: 6,
        },
      ),
    })
    .map(({ fates, added }) => {
      const draft = draftOf(plan);
      let k = 0;
      for (const s of SAFETY_SECTIONS) {
        draft[s] = draft[s].flatMap((item) => {
          const fate = fates[k++];
          if (fate === "drop") return [];
          return [fate === "edit" ? { ...item, text: `${item.text}+${tag}` } : item];
        });
      }
      added.forEach((a, i) => {
        draft[a.section].push({ id: `${tag}-${i}`, text: a.text });
      });
      return { draft, added: added.map((a, i) => ({ section: a.section, id: `${tag}-${i}` })) };
    });
}

const arbitraryBase = fc
  .record(
    Object.fromEntries(
      SAFETY_SECTIONS.map((s) => [s, fc.array(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 4 })]),
    ) as {
      [K in SafetySection]: fc.Arbitrary<string[]>;
    },
  )
  .map((plan) => fromLegacy(plan, "patient", T0));

describe("merging never loses an item added on either side (fast-check)", () => {
  it("two writers edit the same base; applied in either order, every added item is there, and untouched items stay", () => {
    fc.assert(
      fc.property(
        arbitraryBase.chain((base) =>
          fc.tuple(fc.constant(base), arbitraryDraft(base, "clin"), arbitraryDraft(base, "pat"), fc.boolean()),
        ),
        ([base, a, b, clinicianFirst]) => {
          const opsA = diffPlan(base.sections, a.draft);
          const opsB = diffPlan(base.sections, b.draft);
          const [first, second] = clinicianFirst ? [opsA, opsB] : [opsB, opsA];
          const merged = applyOps(applyOps(base, first, clinician).plan, second, patient).plan;
          const has = (s: SafetySection, id: string) => merged.sections[s].some((i) => i.id === id);
          for (const { section, id } of [...a.added, ...b.added]) expect(has(section, id)).toBe(true);
          // A base item survives unless a writer removed it; removed on one side and edited on the
          // other, the later of the two wins (an edit after the removal brings the words back).
          const [early, late] = clinicianFirst ? [a.draft, b.draft] : [b.draft, a.draft];
          for (const s of SAFETY_SECTIONS) {
            for (const item of base.sections[s]) {
              const fate = (d: DraftSections) => {
                const kept = d[s].find((i) => i.id === item.id);
                return !kept ? "drop" : kept.text === item.text ? "keep" : "edit";
              };
              const [first, last] = [fate(early), fate(late)];
              const expected = last === "edit" || (first !== "drop" && last !== "drop");
              expect(has(s, item.id)).toBe(expected);
            }
          }
          // No id appears twice.
          const all = SAFETY_SECTIONS.flatMap((s) => merged.sections[s].map((i) => i.id));
          expect(new Set(all).size).toBe(all.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("one writer alone: applying its diff to the base gives exactly its draft", () => {
    fc.assert(
      fc.property(
        arbitraryBase.chain((base) => fc.tuple(fc.constant(base), arbitraryDraft(base, "x"))),
        ([base, { draft }]) => {
          const plan = applyOps(base, diffPlan(base.sections, draft), patient).plan;
          for (const s of SAFETY_SECTIONS) {
            expect(plan.sections[s].map(({ id, text }) => ({ id, text }))).toEqual(draft[s]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
