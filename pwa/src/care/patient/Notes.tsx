import { useEffect, useRef, useState } from "preact/hooks";
import type { PublicUser } from "../../../../shared/schemas/auth";
import { NOTE_MAX_LENGTH, type NoteView } from "../../../../shared/schemas/staff";
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

const MAX = NOTE_MAX_LENGTH.toLocaleString("en");
const notesKey = (patientId: string) => `notes:${patientId}`;

/** Why a note cannot be saved as typed, or null when it can (the server's rule: 1–50,000, not blank). */
function problemWith(text: string): string | null {
  if (text.trim().length === 0) return "Write something first.";
  if (text.length > NOTE_MAX_LENGTH) return `A note holds at most ${MAX} characters.`;
  return null;
}

/**
 * A clinician's private notes about a patient (clinicians only: anyone else sees nothing, as the
 * API answers them nothing). Newest first; the author edits and deletes their own, online only;
 * other clinicians' notes are read-only, with who wrote them and when.
 */
export function ClinicianNotes(props: SectionProps) {
  if (props.user.role !== "clinician") return null;
  return <NotesSection {...props} />;
}

function NotesSection({ patientId, patientName, user }: SectionProps) {
  const data = useCareData(notesKey(patientId), () =>
    api.staff.patients[":id"].notes
      .$get({ param: { id: patientId } })
      .then((res) => bodyOf<{ items: NoteView[] }>(res)),
  );
  const live = data.source === "live";
  const items = data.data?.items ?? [];
  return (
    <section class="card care-section" aria-labelledby="notes-title" data-testid="notes">
      <h3 id="notes-title" tabIndex={-1}>
        Private notes
      </h3>
      <p class="muted">
        Seen only by the clinicians caring for {patientName}: never by {patientName}, therapists or admins, and never
        exported.
      </p>
      <DataState data={data} what="the notes" />
      {live ? <NewNote patientId={patientId} /> : null}
      {data.data ? (
        items.length === 0 ? (
          <p data-testid="notes-empty">No notes yet.</p>
        ) : (
          <ol class="care-notes" aria-label={`Notes about ${patientName}, newest first`}>
            {items.map((note) => (
              <NoteItem key={note.id} note={note} mine={note.authorId === user.id} editable={live} />
            ))}
          </ol>
        )
      ) : null}
    </section>
  );
}

/** The character count under a note's box: how many of the 50,000 are used. */
function Count({ id, length }: { id: string; length: number }) {
  const near = length > NOTE_MAX_LENGTH * 0.9;
  return (
    <p id={id} class={near ? "care-count near" : "care-count muted"} data-testid="note-count">
      {length.toLocaleString("en")} / {MAX} characters
    </p>
  );
}

function NewNote({ patientId }: { patientId: string }) {
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // Set before the first await: one click, one note, even two in the same frame.
  const busy = useRef(false);
  const [sending, setSending] = useState(false);

  async function save(event: Event) {
    event.preventDefault();
    if (busy.current) return;
    const problem = problemWith(body);
    if (problem) {
      setError(problem);
      return;
    }
    busy.current = true;
    setSending(true);
    setError(null);
    setSaved(null);
    const outcome = await careWrite(() =>
      api.staff.patients[":id"].notes.$post({ param: { id: patientId }, json: { body } }),
    );
    busy.current = false;
    setSending(false);
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    setBody("");
    setSaved("Note saved.");
    invalidate(notesKey(patientId));
  }

  return (
    <form class="care-form" onSubmit={save}>
      <label for="new-note">New note</label>
      <textarea
        id="new-note"
        rows={4}
        maxLength={NOTE_MAX_LENGTH}
        value={body}
        aria-describedby="new-note-count"
        onInput={(e) => {
          setBody(e.currentTarget.value);
          setSaved(null);
        }}
      />
      <Count id="new-note-count" length={body.length} />
      <div class="care-actions">
        <button type="submit" disabled={sending}>
          {sending ? "Saving…" : "Save note"}
        </button>
        <span role="status" class="muted" data-testid="note-saved">
          {saved}
        </span>
      </div>
      {error ? (
        <p role="alert" class="error">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function NoteItem({ note, mine, editable }: { note: NoteView; mine: boolean; editable: boolean }) {
  const [mode, setMode] = useState<"view" | "edit" | "confirm-delete">("view");
  const [draft, setDraft] = useState(note.body);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);
  const [sending, setSending] = useState(false);
  const editBox = useRef<HTMLTextAreaElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const previous = useRef(mode);

  // Focus follows the change: into the box when editing starts, back to the button after.
  useEffect(() => {
    if (mode === "edit") editBox.current?.focus();
    else if (mode === "confirm-delete") deleteButton.current?.focus();
    else if (previous.current !== "view") editButton.current?.focus();
    previous.current = mode;
  }, [mode]);

  const edited = note.updatedAt !== note.createdAt;
  const author = mine ? "You" : (note.authorName ?? "A former clinician");

  async function run(send: () => Promise<Response>, after: () => void) {
    if (busy.current) return;
    busy.current = true;
    setSending(true);
    setError(null);
    const outcome = await careWrite(send);
    busy.current = false;
    setSending(false);
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    after();
    invalidate(notesKey(note.patientId));
  }

  function save(event: Event) {
    event.preventDefault();
    const problem = problemWith(draft);
    if (problem) {
      setError(problem);
      return;
    }
    if (draft === note.body) {
      setMode("view");
      return;
    }
    void run(
      () => api.staff.notes[":noteId"].$patch({ param: { noteId: note.id }, json: { body: draft } }),
      () => setMode("view"),
    );
  }

  const countId = `note-count-${note.id}`;
  return (
    <li class={`care-note${mine ? " mine" : ""}`} data-testid="note" data-note={note.id} data-mine={mine}>
      <p class="care-note-head">
        <strong data-testid="note-author">{author}</strong>{" "}
        <span class="muted">
          <time dateTime={note.createdAt}>{dateTime(note.createdAt)}</time>
          {edited ? (
            <span data-testid="note-edited">
              {" "}
              · edited <time dateTime={note.updatedAt}>{dateTime(note.updatedAt)}</time>
            </span>
          ) : null}
          {mine ? null : " · read-only"}
        </span>
      </p>
      {mode === "edit" ? (
        <form class="care-form" onSubmit={save}>
          <label for={`note-edit-${note.id}`} class="visually-hidden">
            Your note
          </label>
          <textarea
            id={`note-edit-${note.id}`}
            ref={editBox}
            rows={6}
            maxLength={NOTE_MAX_LENGTH}
            value={draft}
            aria-describedby={countId}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <Count id={countId} length={draft.length} />
          <div class="care-actions">
            <button type="submit" disabled={sending}>
              {sending ? "Saving…" : "Save changes"}
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => {
                setDraft(note.body);
                setError(null);
                setMode("view");
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <p class="care-text" data-testid="note-body">
          {note.body}
        </p>
      )}
      {mine && editable && mode === "view" ? (
        <div class="care-actions">
          <button
            type="button"
            class="secondary"
            ref={editButton}
            onClick={() => {
              setDraft(note.body);
              setMode("edit");
            }}
          >
            Edit <span class="visually-hidden">your note of {dateTime(note.createdAt)}</span>
          </button>
          <button type="button" class="secondary" onClick={() => setMode("confirm-delete")}>
            Delete <span class="visually-hidden">your note of {dateTime(note.createdAt)}</span>
          </button>
        </div>
      ) : null}
      {mode === "confirm-delete" ? (
        <div class="care-confirm">
          <p>Delete this note? It cannot be brought back.</p>
          <div class="care-actions">
            <button
              type="button"
              class="danger"
              ref={deleteButton}
              disabled={sending}
              onClick={() =>
                void run(
                  () => api.staff.notes[":noteId"].$delete({ param: { noteId: note.id } }),
                  // The note is gone: focus goes back to the section's heading, not to nowhere.
                  () => document.getElementById("notes-title")?.focus(),
                )
              }
            >
              {sending ? "Deleting…" : "Delete note"}
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => {
                setError(null);
                setMode("view");
              }}
            >
              Keep it
            </button>
          </div>
        </div>
      ) : null}
      {error ? (
        <p role="alert" class="error">
          {error}
        </p>
      ) : null}
    </li>
  );
}
