import { useEffect, useRef, useState } from "preact/hooks";
import type { PublicUser } from "../../../../shared/schemas/auth";
import { api, errorOf } from "../../api/session";
import { useOnline } from "../../data/use-online";
import "./sections.css";

interface SectionProps {
  patientId: string;
  patientName: string;
  user: PublicUser;
}

/** The response header carrying the export's detached JWS (worker/fhir/patient-bundle.ts). */
const SIGNATURE_HEADER = "X-Haven-Signature";
const OFFLINE = "The FHIR export needs a connection to Haven. Try again when you're back online.";

/** A file name from a person's name: lower case letters, digits and dashes ("priya-patel"). */
function slug(name: string): string {
  const s = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return s || "patient";
}

interface Prepared {
  bundleName: string;
  signatureName: string;
  bundleUrl: string;
  signatureUrl: string;
  resources: number;
}

/** Hands a file to the browser's downloads, as a link the page clicks. */
function download(url: string, name: string): void {
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * The patient's data as a signed FHIR R4 Bundle (clinicians only, as the API allows): two files,
 * the Bundle exactly as the service sent it (the signature covers those bytes) and its detached
 * JWS, with how to check one against the other. Online only.
 */
export function FhirExport(props: SectionProps) {
  if (props.user.role !== "clinician") return null;
  return <FhirSection {...props} />;
}

function FhirSection({ patientId, patientName }: SectionProps) {
  const online = useOnline();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [prepared, setPrepared] = useState<Prepared | null>(null);
  const running = useRef(false);

  // The files' object URLs live as long as the links to them.
  useEffect(
    () => () => {
      if (prepared) {
        URL.revokeObjectURL(prepared.bundleUrl);
        URL.revokeObjectURL(prepared.signatureUrl);
      }
    },
    [prepared],
  );

  async function run() {
    if (running.current) return;
    if (!navigator.onLine) {
      setError(OFFLINE);
      return;
    }
    running.current = true;
    setBusy(true);
    setError(null);
    setPrepared(null);
    try {
      const res = await api.staff.patients[":id"].fhir.$get({ param: { id: patientId } });
      if (!res.ok) {
        setError((await errorOf(res)).message);
        return;
      }
      const signature = res.headers.get(SIGNATURE_HEADER);
      // The exact bytes sent: the signature is over them, so they are saved untouched.
      const bytes = await res.arrayBuffer();
      if (!signature) {
        setError("The export arrived without its signature, so nothing was saved. Try again.");
        return;
      }
      const bundle = JSON.parse(new TextDecoder().decode(bytes)) as { entry?: unknown[] };
      const day = new Date().toISOString().slice(0, 10);
      const stem = `${slug(patientName)}-fhir-${day}`;
      const next: Prepared = {
        bundleName: `${stem}.json`,
        signatureName: `${stem}.jws`,
        bundleUrl: URL.createObjectURL(new Blob([bytes], { type: "application/fhir+json" })),
        signatureUrl: URL.createObjectURL(new Blob([signature], { type: "application/jose" })),
        resources: bundle.entry?.length ?? 0,
      };
      setPrepared(next);
      download(next.bundleUrl, next.bundleName);
      download(next.signatureUrl, next.signatureName);
    } catch {
      setError(OFFLINE);
    } finally {
      running.current = false;
      setBusy(false);
    }
  }

  const origin = location.origin;
  return (
    <section class="card care-section" aria-labelledby="fhir-title" data-testid="fhir-export">
      <h3 id="fhir-title">FHIR export</h3>
      <p>
        {patientName}'s check-ins (mood and sleep) and PHQ-9 and GAD-7 totals as a FHIR R4 Bundle, signed by Haven so
        anyone receiving it can check it came from here unchanged. Two files: the Bundle (<code>.json</code>) and its
        signature (<code>.jws</code>). Your private notes are never included.
      </p>
      <div class="care-actions">
        <button type="button" onClick={() => void run()} disabled={busy || !online} aria-describedby="fhir-status">
          {busy ? "Preparing the export…" : "Download FHIR export"}
        </button>
      </div>
      <div id="fhir-status" role="status" data-testid="fhir-status">
        {busy ? (
          <p class="care-progress">
            <progress aria-label="Preparing the FHIR export" /> Preparing and signing the export…
          </p>
        ) : !online ? (
          <p class="muted">{OFFLINE}</p>
        ) : prepared ? (
          <p>
            Downloaded the Bundle ({prepared.resources} resource{prepared.resources === 1 ? "" : "s"}){" "}
            <a href={prepared.bundleUrl} download={prepared.bundleName} class="care-file">
              {prepared.bundleName}
            </a>{" "}
            and its signature{" "}
            <a href={prepared.signatureUrl} download={prepared.signatureName} class="care-file">
              {prepared.signatureName}
            </a>
            . If your browser held one back, save it from its link.
          </p>
        ) : null}
      </div>
      {error ? (
        <p role="alert" class="error" data-testid="fhir-error">
          {error}
        </p>
      ) : null}
      <details class="care-verify">
        <summary>How to verify the export</summary>
        <p>
          The <code>.jws</code> file is a detached JSON Web Signature (ES256, RFC 7515 appendix F): its middle part is
          left out, and is the <code>.json</code> file's exact bytes, base64url-encoded. The public key is published at{" "}
          <a href={`${origin}/api/v1/fhir/jwks.json`}>{`${origin}/api/v1/fhir/jwks.json`}</a>. Put the encoded file
          between the two dots and check the result against that key: any change to the file, even a space, fails. For
          example, with the <a href="https://github.com/panva/jose">jose</a> library in Node:
        </p>
        <pre class="care-code">
          <code>{`import { readFile } from "node:fs/promises";
import { compactVerify, createRemoteJWKSet } from "jose";

const body = await readFile("${prepared?.bundleName ?? "patient-fhir.json"}");
const [header, , signature] = (await readFile("${prepared?.signatureName ?? "patient-fhir.jws"}", "utf8")).trim().split(".");
const jws = \`\${header}.\${body.toString("base64url")}.\${signature}\`;
const keys = createRemoteJWKSet(new URL("${origin}/api/v1/fhir/jwks.json"));
await compactVerify(jws, keys); // throws if the file was changed
console.log("Signed by Haven, unchanged.");`}</code>
        </pre>
        <p class="muted">
          Only the current key is published: an export signed before the key was changed can no longer be checked
          online.
        </p>
      </details>
    </section>
  );
}
