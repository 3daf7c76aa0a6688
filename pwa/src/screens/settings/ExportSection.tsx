import { useState } from "preact/hooks";
import { api } from "../../api/session";
import { refusal, useAction } from "./connection";
import { Feedback } from "./Feedback";

type Kind = "json" | "csv" | "fhir";

const EXPORTS: { kind: Kind; label: string; fallbackName: string; explain: string }[] = [
  {
    kind: "json",
    label: "Everything (JSON)",
    fallbackName: "haven-export.json",
    explain:
      "Everything Haven holds about you, such as your profile, check-ins, habits, quests, questionnaires, safety plan, pet and messages.",
  },
  {
    kind: "csv",
    label: "Check-ins (CSV)",
    fallbackName: "haven-check-ins.csv",
    explain: "Your mood and sleep check-ins, ready for a spreadsheet.",
  },
  {
    kind: "fhir",
    label: "Health record (FHIR)",
    fallbackName: "haven-fhir-bundle.json",
    explain: "Your check-ins and questionnaire scores in the FHIR R4 format other health services can read.",
  },
];

function request(kind: Kind) {
  if (kind === "json") return api.me.export.$get();
  if (kind === "csv") return api.me.export["check-ins.csv"].$get();
  return api.me.export.fhir.$get();
}

/** The file name the server suggests (Content-Disposition), or ours. */
function fileName(res: Response, fallback: string): string {
  return /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") ?? "")?.[1] ?? fallback;
}

/**
 * Saves a response as a file. The request needs the bearer token, so a plain link cannot fetch
 * it: the body becomes a Blob behind an object URL, handed to a download link and released after.
 */
function saveAs(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers: give it time to start.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** My data, to keep or take elsewhere: JSON, CSV of check-ins, FHIR R4 (PRODUCT.md, "Account"). */
export function ExportSection({ offline }: { offline: boolean }) {
  const [preparing, setPreparing] = useState<Kind | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  function download(item: (typeof EXPORTS)[number]) {
    setDone(null);
    setPreparing(item.kind);
    void run(async () => {
      try {
        const res = await request(item.kind);
        if (!res.ok) return refusal(res);
        const name = fileName(res, item.fallbackName);
        saveAs(await res.blob(), name);
        setDone(`Downloaded ${name}.`);
      } finally {
        setPreparing(null);
      }
    });
  }

  return (
    <section class="card" aria-labelledby="export-title">
      <h3 id="export-title">Export my data</h3>
      <p>
        Download a copy of what Haven holds about you. Notes your clinicians write are their record and not included.
      </p>
      <ul class="rows">
        {EXPORTS.map((item) => (
          <li key={item.kind}>
            <span class="grow">
              <strong>{item.label}</strong>
              <br />
              <span class="muted">{item.explain}</span>
            </span>
            <button type="button" class="secondary" disabled={busy || offline} onClick={() => download(item)}>
              Download <span class="visually-hidden">{item.label}</span>
            </button>
          </li>
        ))}
      </ul>
      <p role="status" data-testid="export-status">
        {preparing ? "Preparing…" : error ? null : done}
      </p>
      <Feedback error={error} />
    </section>
  );
}
