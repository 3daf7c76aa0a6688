import type { ComponentChildren } from "preact";
import { useRef, useState } from "preact/hooks";
import type { Role } from "../../../../shared/roles";
import type { PublicUser } from "../../../../shared/schemas/auth";
import type { PatientSummary, PatientViewResponse } from "../../../../shared/schemas/staff";
import { api } from "../../api/session";
import { Link } from "../../ui/Link";
import { bodyOf, type CareData, useCareData } from "../care-data";
import { DataState } from "../DataState";
import { FlagBadges } from "../FlagBadges";
import { dateTime, sinceText, trendText } from "../labels";
import { Sparkline, sparklineLabel } from "../Sparkline";
import type { CareScreenProps } from "../screens";
import { AssignQuest } from "./AssignQuest";
import { DashboardCharts, type DashboardRange, HabitAdherence } from "./Charts";
import { FhirExport } from "./FhirExport";
import { PatientMessages } from "./Messages";
import { ClinicianNotes } from "./Notes";
import { PatientFlags, usePatientFlags } from "./PatientFlags";
import { StaffSafetyPlan } from "./SafetyPlan";
import { Timeline } from "./Timeline";
import "./dashboard.css";

/**
 * Who reads what of a patient (worker/routes/staff.ts): therapists the summary, messages and
 * quest assignment; clinicians everything, including the record (timeline, charts, habits,
 * quests), flags, the safety plan (GET is clinicians only), private notes and the FHIR export. A tab is offered
 * only to a role the API answers, so no section ever meets a 404.
 */
const SECTION_ROLES = {
  overview: ["clinician"],
  timeline: ["clinician"],
  quests: ["therapist", "clinician"],
  messages: ["therapist", "clinician"],
  safetyPlan: ["clinician"],
  notes: ["clinician"],
  fhir: ["clinician"],
} as const satisfies Record<string, readonly Role[]>;
type SectionKey = keyof typeof SECTION_ROLES;

const SECTION_NAMES: Record<SectionKey, string> = {
  overview: "Overview",
  timeline: "Timeline",
  quests: "Quests",
  messages: "Messages",
  safetyPlan: "Safety plan",
  notes: "Notes",
  fhir: "FHIR export",
};

/** The sections a role sees, in order. */
export function sectionsFor(role: Role): SectionKey[] {
  return (Object.keys(SECTION_ROLES) as SectionKey[]).filter((k) =>
    (SECTION_ROLES[k] as readonly Role[]).includes(role),
  );
}

/** The patient's figures: last sync, the week's mood, habits kept, and open flags by level. */
function SummaryFigures({ summary }: { summary: PatientSummary }) {
  const trend = trendText(summary.moodTrend).words;
  return (
    <dl class="summary-figures" data-testid="patient-summary">
      <div>
        <dt>Last sync</dt>
        <dd title={summary.lastSyncAt ? dateTime(summary.lastSyncAt) : undefined}>{sinceText(summary.lastSyncAt)}</dd>
      </div>
      <div>
        <dt>Mood, 7 days</dt>
        <dd class="mood">
          <Sparkline values={summary.moodDaily7d} label={sparklineLabel(summary.moodDaily7d)} />
          <span>
            {summary.moodAverage7d === null ? "No check-ins" : `${summary.moodAverage7d.toFixed(1)} / 10`}
            {trend ? <span class="trend-words">, {trend}</span> : null}
          </span>
        </dd>
      </div>
      <div>
        <dt>Habits kept, 7 days</dt>
        <dd>{summary.adherence7d === null ? "Nothing asked yet" : `${Math.round(summary.adherence7d * 100)}%`}</dd>
      </div>
      <div>
        <dt>Open flags</dt>
        <dd>
          <FlagBadges byLevel={summary.openFlagsByLevel} />
          {summary.unacknowledgedFlags > 0 ? (
            <span class="new-flags">{summary.unacknowledgedFlags} not yet acknowledged</span>
          ) : null}
        </dd>
      </div>
    </dl>
  );
}

/**
 * Sections as tabs (WAI-ARIA tabs pattern): arrow keys, Home and End move between them, and
 * only the chosen one is drawn, so a section's data is fetched when it is opened.
 */
function SectionTabs({ sections, render }: { sections: SectionKey[]; render: (key: SectionKey) => ComponentChildren }) {
  const [active, setActive] = useState<SectionKey>(sections[0] as SectionKey);
  const tabs = useRef<Record<string, HTMLButtonElement | null>>({});
  const current = sections.includes(active) ? active : (sections[0] as SectionKey);

  function onKeyDown(e: KeyboardEvent) {
    const i = sections.indexOf(current);
    const next =
      e.key === "ArrowRight"
        ? sections[(i + 1) % sections.length]
        : e.key === "ArrowLeft"
          ? sections[(i - 1 + sections.length) % sections.length]
          : e.key === "Home"
            ? sections[0]
            : e.key === "End"
              ? sections.at(-1)
              : undefined;
    if (!next) return;
    e.preventDefault();
    setActive(next);
    tabs.current[next]?.focus();
  }

  return (
    <>
      <div class="section-tabs" role="tablist" aria-label="Patient record" onKeyDown={onKeyDown}>
        {sections.map((key) => (
          <button
            key={key}
            type="button"
            role="tab"
            id={`tab-${key}`}
            aria-selected={key === current}
            aria-controls={`panel-${key}`}
            tabIndex={key === current ? 0 : -1}
            ref={(el) => {
              tabs.current[key] = el;
            }}
            onClick={() => setActive(key)}
          >
            {SECTION_NAMES[key]}
          </button>
        ))}
      </div>
      {sections.map((key) => (
        <div
          key={key}
          role="tabpanel"
          id={`panel-${key}`}
          aria-labelledby={`tab-${key}`}
          hidden={key !== current}
          class="section-panel"
        >
          {key === current ? render(key) : null}
        </div>
      ))}
    </>
  );
}

function loadView(patientId: string, days: DashboardRange): Promise<PatientViewResponse> {
  return api.staff.patients[":id"]
    .$get({ param: { id: patientId }, query: { days: String(days) } })
    .then((res) => bodyOf<PatientViewResponse>(res));
}

/** The clinician's sections: the record over a range, the flags, and everything the API lets them read. */
function ClinicianSections({
  patientId,
  patientName,
  user,
  summary,
}: {
  patientId: string;
  patientName: string;
  user: PublicUser;
  summary: CareData<unknown>;
}) {
  const [range, setRange] = useState<DashboardRange>(30);
  // One key for the patient's record, whatever the range: flag and quest writes refresh it (flagKeys).
  // Each load of the record is audited (staff.patient.view): fetched on opening, on a range
  // change and after a write here, never on a timer.
  const view = useCareData(`patient:${patientId}`, () => loadView(patientId, range), { refreshMs: null });
  const flags = usePatientFlags(patientId);
  const pick = (r: DashboardRange) => {
    setRange(r);
    view.reload();
  };
  // One saved-copy notice for the page: the header's says it when both are saved copies.
  const viewState =
    view.source === "saved" && summary.source === "saved" ? null : <DataState data={view} what="this record" />;
  const record = (children: (v: PatientViewResponse) => ComponentChildren) => (
    <>
      {viewState}
      {view.data ? children(view.data) : null}
    </>
  );

  return (
    <SectionTabs
      sections={sectionsFor(user.role)}
      render={(key) => {
        switch (key) {
          case "overview":
            return (
              <>
                {viewState}
                <div class="overview">
                  {view.data ? <DashboardCharts view={view.data} range={range} onRange={pick} /> : null}
                  <div class="overview-side">
                    <PatientFlags patientId={patientId} data={flags} />
                    {view.data ? <HabitAdherence view={view.data} /> : null}
                  </div>
                </div>
              </>
            );
          case "timeline":
            return record((v) => <Timeline patientId={patientId} view={v} range={range} onRange={pick} />);
          case "quests":
            return (
              <div class="two-columns">
                {record((v) => (
                  <QuestList view={v} />
                ))}
                <AssignQuest patientId={patientId} patientName={patientName} />
              </div>
            );
          case "messages":
            return <PatientMessages patientId={patientId} patientName={patientName} user={user} />;
          case "safetyPlan":
            return <StaffSafetyPlan patientId={patientId} patientName={patientName} user={user} />;
          case "notes":
            return <ClinicianNotes patientId={patientId} patientName={patientName} user={user} />;
          case "fhir":
            return <FhirExport patientId={patientId} patientName={patientName} user={user} />;
        }
      }}
    />
  );
}

const QUEST_STATUS_NAMES = { active: "Active", paused: "Paused", done: "Done" } as const;

/** The patient's quests, most recently changed first, with their steps' progress. */
function QuestList({ view }: { view: PatientViewResponse }) {
  return (
    <section class="card care-section" aria-labelledby="quests-title" data-testid="patient-quests">
      <h3 id="quests-title">Quests</h3>
      {view.quests.length === 0 ? (
        <p>No quests yet.</p>
      ) : (
        <ul class="quest-list">
          {view.quests.map((q) => {
            const stepsDone = q.steps.filter((s) => s.done).length;
            return (
              <li key={q.id} data-quest={q.id}>
                <p class="quest-title">
                  <strong>{q.title}</strong>{" "}
                  <span class={`quest-status ${q.status}`}>{QUEST_STATUS_NAMES[q.status]}</span>
                </p>
                <p class="muted small">
                  {q.difficulty}
                  {q.steps.length > 0 ? ` · ${stepsDone} of ${q.steps.length} steps done` : ""}
                  {q.dueDate ? ` · due ${q.dueDate}` : ""} · added {dateTime(q.createdAt)}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** A therapist's sections: messages and quest assignment (the API gives them no more of the record). */
function TherapistSections({
  patientId,
  patientName,
  user,
}: {
  patientId: string;
  patientName: string;
  user: PublicUser;
}) {
  return (
    <SectionTabs
      sections={sectionsFor(user.role)}
      render={(key) =>
        key === "messages" ? (
          <PatientMessages patientId={patientId} patientName={patientName} user={user} />
        ) : key === "quests" ? (
          <AssignQuest patientId={patientId} patientName={patientName} />
        ) : null
      }
    />
  );
}

/**
 * One patient's dashboard (therapists and clinicians): their name and figures at the top, then
 * the sections the signed-in role may read, as tabs. Live while Haven answers; the copy saved on
 * this device, read-only with its age, when it does not.
 */
export default function PatientDashboard({ user, params }: CareScreenProps) {
  const patientId = params.id ?? "";
  const summary = useCareData(`summary:${patientId}`, () =>
    api.staff.patients[":id"].summary
      .$get({ param: { id: patientId } })
      .then((res) => bodyOf<{ summary: PatientSummary }>(res)),
  );
  const s = summary.data?.summary ?? null;
  const name = s?.displayName ?? "Patient";
  return (
    <div class="patient-dashboard">
      <p class="back">
        <Link href="/">← Caseload</Link>
      </p>
      <h2 id="screen-title" tabIndex={-1} data-testid="screen-title" class="patient-name">
        {name}
      </h2>
      <DataState data={summary} what="this patient's dashboard" />
      {s ? (
        <>
          <SummaryFigures summary={s} />
          {user.role === "clinician" ? (
            <ClinicianSections patientId={patientId} patientName={s.displayName} user={user} summary={summary} />
          ) : (
            <TherapistSections patientId={patientId} patientName={s.displayName} user={user} />
          )}
        </>
      ) : null}
    </div>
  );
}
