import { useEffect, useRef, useState } from "preact/hooks";
import {
  type DraftSections,
  describeChange,
  diffPlan,
  type MergedPlan,
  planFromView,
  type SafetyChange,
  type SafetyItem,
} from "../../../../shared/domain/safety-plan-merge";
import type { PublicUser } from "../../../../shared/schemas/auth";
import type { SafetyPlanViewBody } from "../../../../shared/schemas/views";
import {
  SAFETY_ITEM_MAX,
  SAFETY_ITEMS_MAX,
  SAFETY_SECTIONS,
  type SafetySection,
  safetyPlanOp,
} from "../../../../shared/schemas/wellbeing";
import { api } from "../../api/session";
import { bodyOf, careWrite, invalidate, useCareData } from "../care-data";
import { DataState } from "../DataState";
import { dateTime } from "../labels";
import "./sections.css";

interface SectionProps {
  patientId: string;
  patientName: string;
  user: PublicUser;
}

interface StaffPlan {
  safetyPlan: SafetyPlanViewBody;
  people: Record<string, string>;
}

interface MergeOutcome {
  applied: SafetyChange[];
  conflicts: SafetyChange[];
  /** How many saves by others came after the editor opened: their changes are kept beside this write's. */
  othersMeanwhile: number;
}

/** The five sections of the Stanley–Brown plan, as the care team reads them. */
const SECTIONS: Record<SafetySection, { title: string; one: string }> = {
  warningSigns: { title: "Warning signs", one: "warning sign" },
  copingSteps: { title: "Things they can do on their own", one: "coping step" },
  peopleAndPlaces: { title: "People and places that help", one: "person or place" },
  professionals: { title: "Professionals and services", one: "professional or service" },
  safeEnvironment: { title: "Making their surroundings safe", one: "step to stay safe" },
};
const CHANGES_SHOWN = 8;
const planKey = (patientId: string) => `safety-plan:${patientId}`;
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

type NameOf = (id: string | null) => string;

/**
 * The patient's safety plan as the care team sees it (clinicians: the API serves it to them
 * only, so a therapist sees nothing here): each item with who added and changed it, the latest
 * changes, and an editor whose save is sent as per-item changes and merged on the server with
 * whatever the patient changed meanwhile (shared/domain/safety-plan-merge.ts). What the merge did
 * is said after each save, a change that replaced someone else's most plainly.
 */
export function StaffSafetyPlan(props: SectionProps) {
  if (props.user.role !== "clinician") return null;
  return <SafetyPlanSection {...props} />;
}

function SafetyPlanSection({ patientId, patientName, user }: SectionProps) {
  const data = useCareData(planKey(patientId), () =>
    api.staff.patients[":id"]["safety-plan"].$get({ param: { id: patientId } }).then((res) => bodyOf<StaffPlan>(res)),
  );
  const [editing, setEditing] = useState<MergedPlan | null>(null);
  const [outcome, setOutcome] = useState<MergeOutcome | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (editing === null && wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing !== null;
  }, [editing]);

  const people = data.data?.people ?? {};
  const nameOf: NameOf = (id) => {
    if (id === null) return "someone";
    if (id === user.id) return "you";
    return people[id] ?? (id === patientId ? patientName : "a former member of the care team");
  };
  const plan = data.data ? planFromView(data.data.safetyPlan) : null;
  const live = data.source === "live";
  const changes = plan ? [...plan.changes].reverse().slice(0, CHANGES_SHOWN) : [];
  const empty = plan ? SAFETY_SECTIONS.every((s) => plan.sections[s].length === 0) : true;

  return (
    <section class="card care-section" aria-labelledby="plan-title" data-testid="staff-safety-plan">
      <h3 id="plan-title">Safety plan</h3>
      <p class="muted">
        {patientName}'s plan for hard moments, edited together: what you change is merged item by item with what{" "}
        {patientName} changes, on their device too.
      </p>
      <DataState data={data} what="the safety plan" />
      {outcome ? <MergeReport outcome={outcome} nameOf={nameOf} /> : null}
      {plan ? (
        editing ? (
          <PlanEditor
            base={editing}
            patientName={patientName}
            onCancel={() => setEditing(null)}
            onSaved={(result) => {
              setOutcome(result);
              setEditing(null);
              invalidate(planKey(patientId));
            }}
            patientId={patientId}
          />
        ) : (
          <>
            <p data-testid="plan-status">
              {plan.updatedAt
                ? `Version ${plan.version}, last changed ${dateTime(plan.updatedAt)} by ${nameOf(plan.updatedBy)}.`
                : `${patientName}'s plan is empty so far.`}
            </p>
            {live ? (
              <button
                type="button"
                ref={editButton}
                onClick={() => {
                  setOutcome(null);
                  setEditing(plan);
                }}
              >
                {empty ? "Start the plan" : "Edit the plan"}
              </button>
            ) : null}
            {empty ? null : <PlanView plan={plan} nameOf={nameOf} />}
            {changes.length > 0 ? <RecentChanges changes={changes} nameOf={nameOf} /> : null}
          </>
        )
      ) : null}
    </section>
  );
}

/** Who added an item and who changed it since: "Added by Priya Patel, 2 Dec 2026, 09:14". */
function attribution(item: SafetyItem, nameOf: NameOf): string | null {
  const added = item.addedBy
    ? `Added by ${nameOf(item.addedBy)}${item.addedAt ? `, ${dateTime(item.addedAt)}` : ""}`
    : "";
  const changed =
    item.updatedBy && item.updatedAt && item.updatedAt !== item.addedAt
      ? `changed by ${nameOf(item.updatedBy)}, ${dateTime(item.updatedAt)}`
      : "";
  const text = [added, changed].filter(Boolean).join("; ");
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : null;
}

function PlanView({ plan, nameOf }: { plan: MergedPlan; nameOf: NameOf }) {
  return (
    <div class="care-plan">
      {SAFETY_SECTIONS.map((key, i) => {
        const items = plan.sections[key];
        return (
          <section key={key} aria-labelledby={`care-plan-${key}`} class="care-plan-section">
            <h4 id={`care-plan-${key}`}>
              {i + 1}. {SECTIONS[key].title}
            </h4>
            {items.length === 0 ? (
              <p class="muted" data-testid={`care-plan-${key}`}>
                Nothing here yet.
              </p>
            ) : (
              <ul data-testid={`care-plan-${key}`}>
                {items.map((item) => {
                  const who = attribution(item, nameOf);
                  return (
                    <li key={item.id}>
                      <span class="care-text">{item.text}</span>
                      {who ? <span class="care-by muted">{who}</span> : null}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** One change in words: "Priya Patel added “Call Sam” to people and places that help". */
function changeLine(change: SafetyChange, nameOf: NameOf): string {
  const who = nameOf(change.by);
  return `${who.charAt(0).toUpperCase()}${who.slice(1)} ${describeChange(change, (s) => lower(SECTIONS[s].title))}`;
}

/** What the change replaced that its writer had not seen. */
function overwroteLine(change: SafetyChange, nameOf: NameOf): string | null {
  if (!change.overwrote) return null;
  return change.overwrote.text === null
    ? `${nameOf(change.overwrote.by)} had removed it meanwhile; it is back`
    : `it replaced “${change.overwrote.text}”, which ${nameOf(change.overwrote.by)} had changed meanwhile`;
}

/** A change that replaced someone else's: whose words gave way to which. */
function conflictLine(change: SafetyChange, nameOf: NameOf): string {
  const where = lower(SECTIONS[change.section].title);
  const who = nameOf(change.overwrote?.by ?? null);
  if (change.overwrote?.text == null)
    return `In ${where}, ${who} had removed an item you changed; it is back as “${change.text}”.`;
  if (change.kind === "removed")
    return `In ${where}, you removed “${change.overwrote.text}”, which ${who} had just changed.`;
  return `In ${where}, your “${change.text}” replaced ${who}'s “${change.overwrote.text}”.`;
}

function RecentChanges({ changes, nameOf }: { changes: SafetyChange[]; nameOf: NameOf }) {
  return (
    <section aria-labelledby="care-plan-changes" class="care-plan-section">
      <h4 id="care-plan-changes">Recent changes</h4>
      <ul class="care-changes" data-testid="care-plan-changes">
        {changes.map((c, n) => {
          const over = overwroteLine(c, nameOf);
          return (
            <li key={`${c.at}-${c.itemId}-${n}`}>
              <span class="muted">{dateTime(c.at)}</span> <span class="care-text">{changeLine(c, nameOf)}</span>
              {over ? <em class="care-text"> ({over})</em> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** What the last save did: the changes applied, those that replaced someone's, and others' kept. */
function MergeReport({ outcome, nameOf }: { outcome: MergeOutcome; nameOf: NameOf }) {
  const { applied, conflicts, othersMeanwhile } = outcome;
  return (
    <div class="care-merge" role="status" data-testid="plan-merge">
      {applied.length === 0 ? (
        <p>
          <strong>Nothing changed:</strong> the plan already said this.
        </p>
      ) : (
        <>
          <p>
            <strong>
              Saved {applied.length} change{applied.length === 1 ? "" : "s"}
            </strong>
            {othersMeanwhile > 0
              ? `, merged with ${othersMeanwhile} save${othersMeanwhile === 1 ? "" : "s"} by others since you opened the plan (their changes are kept).`
              : "."}
          </p>
          <ul>
            {applied.map((c, n) => (
              <li key={`${c.itemId}-${n}`} class="care-text">
                {changeLine(c, nameOf)}
              </li>
            ))}
          </ul>
        </>
      )}
      {conflicts.length > 0 ? (
        <div class="care-conflicts" data-testid="plan-conflicts">
          <p>
            <strong>
              {conflicts.length} of your changes replaced {conflicts.length === 1 ? "a change" : "changes"} someone made
              while you were editing:
            </strong>
          </p>
          <ul>
            {conflicts.map((c, n) => (
              <li key={`${c.itemId}-${n}`} class="care-text">
                {conflictLine(c, nameOf)}
              </li>
            ))}
          </ul>
          <p>Check the plan below, and put back anything that should stay.</p>
        </div>
      ) : null}
    </div>
  );
}

type Draft = DraftSections;
const draftOf = (plan: MergedPlan): Draft =>
  Object.fromEntries(
    SAFETY_SECTIONS.map((key) => [key, plan.sections[key].map(({ id, text }) => ({ id, text }))]),
  ) as Draft;
const NO_TEXT = Object.fromEntries(SAFETY_SECTIONS.map((s) => [s, ""])) as Record<SafetySection, string>;

interface SaveAnswer {
  safetyPlan: SafetyPlanViewBody;
  merge: { applied: SafetyChange[]; conflicts: SafetyChange[] };
}

function PlanEditor({
  base,
  patientId,
  patientName,
  onCancel,
  onSaved,
}: {
  base: MergedPlan;
  patientId: string;
  patientName: string;
  onCancel: () => void;
  onSaved: (outcome: MergeOutcome) => void;
}) {
  const [plan, setPlan] = useState<Draft>(() => draftOf(base));
  const [adding, setAdding] = useState<Record<SafetySection, string>>(NO_TEXT);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);
  const [saving, setSaving] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  function change(key: SafetySection, items: Draft[SafetySection]) {
    setPlan((prev) => ({ ...prev, [key]: items }));
  }

  function add(key: SafetySection) {
    const text = adding[key].trim();
    if (!text || plan[key].length >= SAFETY_ITEMS_MAX) return;
    change(key, [...plan[key], { id: crypto.randomUUID(), text }]);
    setAdding((prev) => ({ ...prev, [key]: "" }));
  }

  async function save(event: Event) {
    event.preventDefault();
    if (busy.current) return;
    // Text typed into an "add" box but not added yet is kept rather than silently lost.
    const next = Object.fromEntries(
      SAFETY_SECTIONS.map((key) => {
        const typed = adding[key].trim();
        const items = [...plan[key], ...(typed ? [{ id: crypto.randomUUID(), text: typed }] : [])]
          .map((i) => ({ ...i, text: i.text.trim() }))
          .filter((i) => i.text.length > 0);
        return [key, items];
      }),
    ) as Draft;
    const valid = SAFETY_SECTIONS.every(
      (key) =>
        next[key].length <= Math.max(SAFETY_ITEMS_MAX, base.sections[key].length) &&
        next[key].every((i) => safetyPlanOp.safeParse({ op: "add", section: key, ...i }).success),
    );
    if (!valid) {
      setError(`Each section holds up to ${SAFETY_ITEMS_MAX} items of up to ${SAFETY_ITEM_MAX} characters.`);
      return;
    }
    const ops = diffPlan(base.sections, next);
    if (ops.length === 0) {
      onSaved({ applied: [], conflicts: [], othersMeanwhile: 0 });
      return;
    }
    busy.current = true;
    setSaving(true);
    setError(null);
    const answer = await careWrite<SaveAnswer>(() =>
      api.staff.patients[":id"]["safety-plan"].$put({
        param: { id: patientId },
        json: { baseVersion: base.version, ops },
      }),
    );
    busy.current = false;
    setSaving(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    const { applied, conflicts } = answer.body.merge;
    // Versions between the one opened and this write's own belong to other writers' saves.
    const before = answer.body.safetyPlan.version - (applied.length > 0 ? 1 : 0);
    onSaved({ applied, conflicts, othersMeanwhile: Math.max(0, before - base.version) });
  }

  return (
    <form onSubmit={save} class="care-plan-editor" aria-labelledby="care-plan-editor-title">
      <h4 id="care-plan-editor-title" ref={heading} tabIndex={-1}>
        Editing {patientName}'s safety plan
      </h4>
      {SAFETY_SECTIONS.map((key) => {
        const section = SECTIONS[key];
        const items = plan[key];
        const full = items.length >= SAFETY_ITEMS_MAX;
        const addId = `care-add-${key}`;
        return (
          <fieldset key={key} class="care-plan-section">
            <legend>{section.title}</legend>
            {items.length > 0 ? (
              <ul class="rows">
                {items.map((item, n) => (
                  <li key={item.id}>
                    <input
                      class="grow"
                      type="text"
                      maxLength={SAFETY_ITEM_MAX}
                      aria-label={`${section.title}: item ${n + 1}`}
                      value={item.text}
                      onInput={(e) => {
                        const text = e.currentTarget.value;
                        change(
                          key,
                          items.map((s, j) => (j === n ? { ...s, text } : s)),
                        );
                      }}
                    />
                    <button
                      type="button"
                      class="secondary"
                      aria-label={`Remove ${section.one} ${n + 1}`}
                      onClick={() =>
                        change(
                          key,
                          items.filter((_, j) => j !== n),
                        )
                      }
                    >
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
            <label for={addId}>Add a {section.one}</label>
            <div class="care-add">
              <input
                id={addId}
                type="text"
                maxLength={SAFETY_ITEM_MAX}
                disabled={full}
                value={adding[key]}
                onInput={(e) => {
                  const value = e.currentTarget.value;
                  setAdding((prev) => ({ ...prev, [key]: value }));
                }}
                onKeyDown={(e) => {
                  // Enter adds the item here rather than saving the whole plan.
                  if (e.key === "Enter") {
                    e.preventDefault();
                    add(key);
                  }
                }}
              />
              <button
                type="button"
                class="secondary"
                aria-label={`Add ${section.one}`}
                disabled={full}
                onClick={() => add(key)}
              >
                Add
              </button>
            </div>
            {full ? <p class="muted">This section is full ({SAFETY_ITEMS_MAX} items).</p> : null}
          </fieldset>
        );
      })}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="care-actions">
        <button type="submit" disabled={saving}>
          {saving ? "Saving…" : "Save the plan"}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <p class="muted">
        Saving needs a connection. Only what you change is sent: anything {patientName} changed meanwhile is kept.
      </p>
    </form>
  );
}
