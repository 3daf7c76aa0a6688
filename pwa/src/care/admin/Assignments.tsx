import { useState } from "preact/hooks";
import type { AdminUserView, AssignmentView } from "../../../../shared/schemas/admin";
import { api } from "../../api/session";
import { bodyOf, careWrite, invalidate, useCareData } from "../care-data";
import { DataState } from "../DataState";
import { dateTime } from "../labels";
import type { CareScreenProps } from "../screens";
import { allUsersOf, matches, personLabel, ROLE_LABELS } from "./admin-data";
import "./admin.css";

/** How many matches a picker lists at once; a search narrows the rest. */
const SHOWN = 12;

interface People {
  staff: AdminUserView[];
  patients: AdminUserView[];
  admins: AdminUserView[];
}

async function loadPeople(): Promise<People> {
  const [therapists, clinicians, patients, admins] = await Promise.all([
    allUsersOf("therapist"),
    allUsersOf("clinician"),
    allUsersOf("patient"),
    allUsersOf("admin"),
  ]);
  const byName = (a: AdminUserView, b: AdminUserView) => a.displayName.localeCompare(b.displayName);
  return { staff: [...therapists, ...clinicians].sort(byName), patients: patients.sort(byName), admins };
}

/**
 * Assignments: which therapist or clinician looks after which patient. Pick a staff member and a
 * patient from searchable lists (each narrows the assignments shown), assign them, or end an
 * assignment: access ends at once. Writes need a connection.
 */
export default function Assignments(_: CareScreenProps) {
  const people = useCareData("admin:people", loadPeople);
  const [staffId, setStaffId] = useState<string | null>(null);
  const [patientId, setPatientId] = useState<string | null>(null);
  const key = `admin:assignments:${staffId ?? ""}|${patientId ?? ""}`;
  const data = useCareData(key, () =>
    api.admin.assignments
      .$get({ query: { ...(staffId ? { staffId } : {}), ...(patientId ? { patientId } : {}) } })
      .then((res) => bodyOf<{ items: AssignmentView[] }>(res)),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const everyone = new Map<string, AdminUserView>();
  for (const list of [people.data?.staff, people.data?.patients, people.data?.admins])
    for (const u of list ?? []) everyone.set(u.id, u);
  const nameOf = (id: string) => everyone.get(id)?.displayName ?? `Account ${id.slice(0, 8)}`;
  const staff = staffId ? everyone.get(staffId) : undefined;
  const patient = patientId ? everyone.get(patientId) : undefined;

  async function write(kind: "assign" | "unassign", pair: { staffId: string; patientId: string }) {
    setBusy(true);
    setError(null);
    setNotice(null);
    const outcome = await careWrite(() =>
      kind === "assign" ? api.admin.assignments.$post({ json: pair }) : api.admin.assignments.$delete({ json: pair }),
    );
    setBusy(false);
    if (!outcome.ok) return setError(outcome.error);
    setNotice(
      kind === "assign"
        ? `${nameOf(pair.staffId)} now looks after ${nameOf(pair.patientId)}.`
        : `${nameOf(pair.staffId)} no longer looks after ${nameOf(pair.patientId)}; their access ended at once.`,
    );
    invalidate(key);
  }

  const items = data.data?.items ?? [];
  return (
    <div class="admin">
      <h2 id="screen-title" tabIndex={-1} data-testid="screen-title">
        Assignments
      </h2>
      <p class="muted">
        Choose a staff member, a patient, or both: the list below shows their assignments. Choose both to assign them.
      </p>
      <DataState data={people} what="the staff and patients" />
      {people.data ? (
        <div class="pickers">
          <Picker
            name="staff"
            legend="Staff member"
            people={people.data.staff.filter((u) => u.status === "active" || u.id === staffId)}
            chosen={staffId}
            onChoose={setStaffId}
          />
          <Picker
            name="patient"
            legend="Patient"
            people={people.data.patients}
            chosen={patientId}
            onChoose={setPatientId}
          />
        </div>
      ) : null}
      <div class="actions">
        <button
          type="button"
          disabled={busy || !staffId || !patientId}
          onClick={() => staffId && patientId && void write("assign", { staffId, patientId })}
          data-testid="assign"
        >
          {staff && patient ? `Assign ${staff.displayName} to ${patient.displayName}` : "Assign"}
        </button>
        {staffId || patientId ? (
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setStaffId(null);
              setPatientId(null);
            }}
          >
            Clear choices
          </button>
        ) : null}
      </div>
      {notice ? (
        <p class="panel done" role="status" data-testid="assignments-notice">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p role="alert" class="error" data-testid="assignments-error">
          {error}
        </p>
      ) : null}
      <h3 id="assignments-title">
        {staff && patient
          ? `Assignments of ${staff.displayName} and ${patient.displayName}`
          : staff
            ? `Patients of ${staff.displayName}`
            : patient
              ? `Care team of ${patient.displayName}`
              : "Every assignment"}
      </h3>
      <DataState data={data} what="the assignments" />
      {data.data ? (
        items.length === 0 ? (
          <p data-testid="assignments-empty">No assignments{staff || patient ? " for this choice" : " yet"}.</p>
        ) : (
          <div class="table-wrap">
            <table data-testid="assignments" aria-labelledby="assignments-title">
              <thead>
                <tr>
                  <th scope="col">Staff member</th>
                  <th scope="col">Patient</th>
                  <th scope="col">Since</th>
                  <th scope="col">Assigned by</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((a) => {
                  const member = everyone.get(a.staffId);
                  return (
                    <tr key={`${a.staffId}>${a.patientId}`} data-staff={a.staffId} data-patient={a.patientId}>
                      <th scope="row">
                        {nameOf(a.staffId)}
                        {member ? <span class="muted"> · {ROLE_LABELS[member.role]}</span> : null}
                      </th>
                      <td>{nameOf(a.patientId)}</td>
                      <td class="nowrap">{dateTime(a.createdAt)}</td>
                      <td>{nameOf(a.createdBy)}</td>
                      <td class="row-actions">
                        <button
                          type="button"
                          class="secondary"
                          disabled={busy}
                          onClick={() => void write("unassign", { staffId: a.staffId, patientId: a.patientId })}
                        >
                          Unassign
                          <span class="visually-hidden">
                            {" "}
                            {nameOf(a.staffId)} from {nameOf(a.patientId)}
                          </span>
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </div>
  );
}

/** A searchable list of people to choose one from: radio buttons, so arrows and Tab just work. */
function Picker({
  name,
  legend,
  people,
  chosen,
  onChoose,
}: {
  name: string;
  legend: string;
  people: AdminUserView[];
  chosen: string | null;
  onChoose: (id: string | null) => void;
}) {
  const [query, setQuery] = useState("");
  const found = people.filter((u) => matches(u, query));
  // The chosen person stays listed whatever the search, so the choice is always visible.
  const shown = found.slice(0, SHOWN);
  const chosenPerson = chosen ? people.find((u) => u.id === chosen) : undefined;
  if (chosenPerson && !shown.includes(chosenPerson)) shown.unshift(chosenPerson);
  const hint = `${name}-hint`;
  return (
    <fieldset data-testid={`pick-${name}`}>
      <legend>{legend}</legend>
      <label>
        Search {legend.toLowerCase()}s by name or email
        <input
          type="search"
          maxLength={100}
          value={query}
          aria-describedby={hint}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </label>
      <p id={hint} class="muted" role="status">
        {found.length === 0
          ? "Nobody matches."
          : found.length > SHOWN
            ? `${found.length} match; the first ${SHOWN} are listed. Type more to narrow them.`
            : `${found.length} match.`}
      </p>
      {shown.length > 0 ? (
        <ul class="choices">
          {shown.map((u) => (
            <li key={u.id}>
              <label>
                <input
                  type="radio"
                  name={name}
                  value={u.id}
                  checked={u.id === chosen}
                  onChange={() => onChoose(u.id)}
                />
                <span>
                  {personLabel(u)}
                  {u.role !== "patient" ? <span class="muted"> · {ROLE_LABELS[u.role]}</span> : null}
                </span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
