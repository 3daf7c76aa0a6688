/**
 * Issue 11, defect 8: the safety plan merged item by item (a clinician's addition and the
 * patient's offline edit both kept; the same item changed on both sides: the later write wins
 * and the change is recorded), and quest edits that never revert another device's ticks and say
 * when they replaced a newer value.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SafetyPlanView } from "../../shared/domain/safety-plan-merge";
import type { SyncResult } from "../../shared/schemas/sync";
import { assign, call, createUserAndLogin, isoIn, json, patientWithHabit, register } from "./helpers";

type Plan = SafetyPlanView;
type Quest = {
  id: string;
  title: string;
  description: string | null;
  steps: { id: string; title: string; done: boolean }[];
};

const push = (token: string, operations: unknown[], clientId = "phone") =>
  call("/api/v1/sync/push", { token, body: { clientId, operations } });
const op = (type: string, payload: unknown, at = isoIn(-1000)) => ({ opId: crypto.randomUUID(), type, at, payload });
const resultOf = async (res: Response) => {
  expect(res.status).toBe(200);
  const [r] = (await json<{ results: SyncResult[] }>(res)).results;
  if (!r || !("result" in r)) throw new Error(`not applied: ${JSON.stringify(r)}`);
  return r.result as Record<string, unknown>;
};
const myPlan = async (token: string) =>
  (await json<{ safetyPlan: Plan }>(await call("/api/v1/safety-plan", { token }))).safetyPlan;
const ids = (plan: Plan, section: keyof Plan["entries"]) => plan.entries[section].map((i) => i.id);

async function patientAndClinician() {
  const patient = await patientWithHabit();
  const clinician = await createUserAndLogin("clinician");
  await assign(clinician.user.id, patient.user.id);
  return { patient, clinician, staffPlan: `/api/v1/staff/patients/${patient.user.id}/safety-plan` };
}

describe("safety plan: merged per item", () => {
  it("a clinician's addition survives the patient's offline edit made from the older version, and both are attributed", async () => {
    const { patient, clinician, staffPlan } = await patientAndClinician();
    const sign = crypto.randomUUID();
    const first = await call("/api/v1/safety-plan", {
      method: "PUT",
      token: patient.accessToken,
      body: { ops: [{ op: "add", section: "warningSigns", id: sign, text: "Not sleeping" }] },
    });
    expect(first.status).toBe(200);
    const seen = await myPlan(patient.accessToken);
    expect(seen.version).toBe(1);

    // The clinician adds a professional contact while the patient's phone is offline.
    const byClinician = await call(staffPlan, {
      method: "PUT",
      token: clinician.accessToken,
      body: {
        baseVersion: 1,
        ops: [{ op: "add", section: "professionals", id: crypto.randomUUID(), text: "CMHT: 020 7946 0000" }],
      },
    });
    expect(byClinician.status).toBe(200);

    // The patient's offline edit, made from version 1, arrives.
    const coping = crypto.randomUUID();
    const result = await resultOf(
      await push(patient.accessToken, [
        op("safetyPlan.update", {
          baseVersion: seen.version,
          ops: [
            {
              op: "edit",
              section: "warningSigns",
              id: sign,
              text: "Not sleeping for two nights",
              from: "Not sleeping",
            },
            { op: "add", section: "copingSteps", id: coping, text: "Walk round the block" },
          ],
        }),
      ]),
    );
    expect(result).not.toHaveProperty("warning");

    const plan = await myPlan(patient.accessToken);
    expect(plan).toMatchObject({
      warningSigns: ["Not sleeping for two nights"],
      copingSteps: ["Walk round the block"],
      professionals: ["CMHT: 020 7946 0000"],
      version: 3,
      updatedBy: patient.user.id,
    });
    expect(plan.entries.professionals[0]).toMatchObject({ addedBy: clinician.user.id, updatedBy: clinician.user.id });
    expect(plan.entries.warningSigns[0]).toMatchObject({
      id: sign,
      addedBy: patient.user.id,
      updatedBy: patient.user.id,
    });
    expect(plan.changes.map((c) => [c.kind, c.by, c.text])).toEqual([
      ["added", patient.user.id, "Not sleeping"],
      ["added", clinician.user.id, "CMHT: 020 7946 0000"],
      ["edited", patient.user.id, "Not sleeping for two nights"],
      ["added", patient.user.id, "Walk round the block"],
    ]);

    // The clinician sees the same plan, who changed what, and their names.
    const staffView = await json<{ safetyPlan: Plan; people: Record<string, string> }>(
      await call(staffPlan, { token: clinician.accessToken }),
    );
    expect(staffView.safetyPlan.changes).toEqual(plan.changes);
    expect(Object.keys(staffView.people).sort()).toEqual([clinician.user.id, patient.user.id].sort());

    // And the patient's devices get it through the change log.
    const pulled = await json<{ changes: { entity: string; data: Plan }[] }>(
      await call("/api/v1/sync/pull", { token: patient.accessToken }),
    );
    const last = pulled.changes.filter((c) => c.entity === "safetyPlan").at(-1);
    expect(last?.data.professionals).toEqual(["CMHT: 020 7946 0000"]);
  });

  it("the same item changed on both sides: the later write wins, the replaced change is recorded and the writer told", async () => {
    const { patient, clinician, staffPlan } = await patientAndClinician();
    const item = crypto.randomUUID();
    await call("/api/v1/safety-plan", {
      method: "PUT",
      token: patient.accessToken,
      body: { ops: [{ op: "add", section: "copingSteps", id: item, text: "Music" }] },
    });
    const clinicianEdit = await call(staffPlan, {
      method: "PUT",
      token: clinician.accessToken,
      body: {
        ops: [{ op: "edit", section: "copingSteps", id: item, text: "Music: the calm playlist", from: "Music" }],
      },
    });
    expect(clinicianEdit.status).toBe(200);
    // The patient's phone edited the same item from "Music", offline.
    const result = await resultOf(
      await push(patient.accessToken, [
        op("safetyPlan.update", {
          ops: [{ op: "edit", section: "copingSteps", id: item, text: "Music and a cup of tea", from: "Music" }],
        }),
      ]),
    );
    expect(result.warning).toMatchObject({ code: "SAFETY_PLAN_MERGED" });
    expect((result.warning as { message: string }).message).toContain("Music: the calm playlist");
    const plan = await myPlan(patient.accessToken);
    expect(plan.copingSteps).toEqual(["Music and a cup of tea"]);
    expect(plan.changes.at(-1)).toMatchObject({
      kind: "edited",
      by: patient.user.id,
      previous: "Music: the calm playlist",
      overwrote: { by: clinician.user.id, text: "Music: the calm playlist" },
    });
  });

  it("an older client's whole plan, queued before the clinician's addition, keeps the addition", async () => {
    const { patient, clinician, staffPlan } = await patientAndClinician();
    const legacy = {
      warningSigns: ["Skipping meals"],
      copingSteps: [],
      peopleAndPlaces: [],
      professionals: [],
      safeEnvironment: [],
    };
    expect(
      (await call("/api/v1/safety-plan", { method: "PUT", token: patient.accessToken, body: legacy })).status,
    ).toBe(200);
    const writtenOffline = isoIn(-1000);
    // The clinician's whole-plan PUT (the old staff payload still works) adds a contact.
    const staffPut = await call(staffPlan, {
      method: "PUT",
      token: clinician.accessToken,
      body: { ...legacy, professionals: ["GP surgery: 020 7946 1111"] },
    });
    expect(staffPut.status).toBe(200);
    await resultOf(
      await push(patient.accessToken, [
        op("safetyPlan.update", { ...legacy, safeEnvironment: ["Give my pills to Sam"] }, writtenOffline),
      ]),
    );
    expect(await myPlan(patient.accessToken)).toMatchObject({
      warningSigns: ["Skipping meals"],
      professionals: ["GP surgery: 020 7946 1111"],
      safeEnvironment: ["Give my pills to Sam"],
    });
  });

  it("a plan stored before items had ids reads with stable ids, and an edit by those ids applies", async () => {
    const r = await register();
    const old = {
      warningSigns: ["A", "B"],
      copingSteps: ["C"],
      peopleAndPlaces: [],
      professionals: [],
      safeEnvironment: [],
    };
    await env.DB.prepare("INSERT INTO safety_plans (user_id, plan, updated_at, updated_by) VALUES (?, ?, ?, ?)")
      .bind(r.user.id, JSON.stringify(old), Date.now() - 86_400_000, r.user.id)
      .run();
    const once = await myPlan(r.accessToken);
    expect(once).toMatchObject({ ...old, version: 0 });
    expect(ids(once, "warningSigns")).toEqual(ids(await myPlan(r.accessToken), "warningSigns"));
    const [a, b] = ids(once, "warningSigns");
    const res = await call("/api/v1/safety-plan", {
      method: "PUT",
      token: r.accessToken,
      body: {
        ops: [
          { op: "remove", section: "warningSigns", id: a, from: "A" },
          { op: "edit", section: "warningSigns", id: b, text: "B, often", from: "B" },
        ],
      },
    });
    expect(res.status).toBe(200);
    const after = await myPlan(r.accessToken);
    expect(after).toMatchObject({ warningSigns: ["B, often"], copingSteps: ["C"], version: 1 });
    expect(ids(after, "warningSigns")).toEqual([b]);
  });

  it("refuses an operation without a valid item id", async () => {
    const r = await register();
    const res = await call("/api/v1/safety-plan", {
      method: "PUT",
      token: r.accessToken,
      body: { ops: [{ op: "add", section: "warningSigns", id: "no spaces allowed", text: "x" }] },
    });
    expect(res.status).toBe(400);
  });
});

describe("quest edits merged with other devices", () => {
  async function questWithSteps(token: string) {
    const res = await call("/api/v1/quests", {
      token,
      body: {
        title: "Tidy the flat",
        description: "One room at a time",
        difficulty: "medium",
        steps: [{ title: "Kitchen" }, { title: "Bedroom" }],
      },
    });
    expect(res.status).toBe(201);
    return (await json<{ quest: Quest }>(res)).quest;
  }
  const questOf = async (token: string, id: string) =>
    (await json<{ items: Quest[] }>(await call("/api/v1/quests", { token }))).items.find((q) => q.id === id);

  it("a steps edit made offline does not revert a tick made on another device", async () => {
    const r = await register();
    const quest = await questWithSteps(r.accessToken);
    const [kitchen, bedroom] = quest.steps;
    if (!kitchen || !bedroom) throw new Error("steps missing");
    // The tablet ticks "Kitchen".
    const tick = await push(
      r.accessToken,
      [op("quest.toggleStep", { questId: quest.id, stepId: kitchen.id, done: true })],
      "tablet",
    );
    await resultOf(tick);
    // The phone, offline since before the tick, renames "Bedroom" and adds a step.
    const steps = [kitchen, { ...bedroom, title: "Bedroom and hall" }, { title: "Bathroom", done: false }];
    await resultOf(
      await push(r.accessToken, [op("quest.update", { questId: quest.id, steps, base: { steps: quest.steps } })]),
    );
    const now = await questOf(r.accessToken, quest.id);
    expect(now?.steps.map((s) => [s.title, s.done])).toEqual([
      ["Kitchen", true],
      ["Bedroom and hall", false],
      ["Bathroom", false],
    ]);
    expect(now?.steps[0]?.id).toBe(kitchen.id);
  });

  it("an older client's steps edit (no base) keeps ticks too; a step it toggled against its base is applied", async () => {
    const r = await register();
    const quest = await questWithSteps(r.accessToken);
    const [kitchen, bedroom] = quest.steps;
    if (!kitchen || !bedroom) throw new Error("steps missing");
    await resultOf(
      await push(r.accessToken, [op("quest.toggleStep", { questId: quest.id, stepId: kitchen.id, done: true })]),
    );
    await resultOf(
      await push(r.accessToken, [
        op("quest.update", { questId: quest.id, steps: [kitchen, { ...bedroom, title: "Bedroom!" }] }),
      ]),
    );
    expect((await questOf(r.accessToken, quest.id))?.steps.map((s) => s.done)).toEqual([true, false]);
    // With a base, toggling a step in the edit itself is an explicit change and applies.
    const current = (await questOf(r.accessToken, quest.id))?.steps ?? [];
    await resultOf(
      await push(r.accessToken, [
        op("quest.update", {
          questId: quest.id,
          steps: current.map((s) => ({ ...s, done: !s.done })),
          base: { steps: current },
        }),
      ]),
    );
    expect((await questOf(r.accessToken, quest.id))?.steps.map((s) => s.done)).toEqual([false, true]);
  });

  it("a field edit that replaced a newer value from another device says so; a field it did not change stays", async () => {
    const r = await register();
    const quest = await questWithSteps(r.accessToken);
    // The tablet renames it and changes the description.
    await resultOf(
      await push(
        r.accessToken,
        [
          op("quest.update", {
            questId: quest.id,
            title: "Tidy the whole flat",
            description: "Start with the kitchen",
            base: { title: quest.title, description: quest.description },
          }),
        ],
        "tablet",
      ),
    );
    // The phone, from the original, renames it too (its description unchanged from its base).
    const result = await resultOf(
      await push(r.accessToken, [
        op("quest.update", {
          questId: quest.id,
          title: "Tidy up",
          description: quest.description,
          base: { title: quest.title, description: quest.description },
        }),
      ]),
    );
    expect(result.overwritten).toEqual([{ field: "title", theirs: "Tidy the whole flat", yours: "Tidy up" }]);
    expect(result.warning).toMatchObject({ code: "QUEST_EDIT_MERGED" });
    expect((result.warning as { message: string }).message).toContain("Tidy the whole flat");
    expect(await questOf(r.accessToken, quest.id)).toMatchObject({
      title: "Tidy up",
      description: "Start with the kitchen",
    });
  });

  it("a late field edit that replaced a newer value says both: the merge and that it earned nothing", async () => {
    const r = await register();
    const quest = await questWithSteps(r.accessToken);
    await resultOf(
      await push(
        r.accessToken,
        [op("quest.update", { questId: quest.id, title: "Tidy the whole flat", base: { title: quest.title } })],
        "tablet",
      ),
    );
    const fourDaysAgo = isoIn(-96 * 3_600_000);
    const result = await resultOf(
      await push(r.accessToken, [
        op("quest.update", { questId: quest.id, title: "Tidy up", base: { title: quest.title } }, fourDaysAgo),
      ]),
    );
    expect((result.warnings as { code: string }[]).map((w) => w.code)).toEqual([
      "QUEST_EDIT_MERGED",
      "CLIENT_TIME_OUT_OF_WINDOW",
    ]);
    expect(await questOf(r.accessToken, quest.id)).toMatchObject({ title: "Tidy up" });
  });
});
