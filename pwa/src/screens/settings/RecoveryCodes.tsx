import { useEffect, useRef, useState } from "preact/hooks";

/** The text both the copy and the download give: one code a line, with what they are for. */
export function recoveryCodesText(codes: readonly string[], email: string): string {
  return [
    `Haven recovery codes for ${email}`,
    "Each code signs you in once instead of a code from your authenticator app.",
    "",
    ...codes,
    "",
  ].join("\n");
}

/**
 * The recovery codes, shown once, with Copy (to the clipboard) and Download (a .txt file) so
 * they are easy to keep in a password manager or a safe place; a visible note says it worked.
 */
export function RecoveryCodes({ codes, email }: { codes: readonly string[]; email: string }) {
  const [said, setSaid] = useState<string | null>(null);
  const link = useRef<string | null>(null);
  // The download's object URL lives until the codes are gone from the screen.
  useEffect(
    () => () => {
      if (link.current) URL.revokeObjectURL(link.current);
    },
    [],
  );

  async function copy() {
    try {
      await navigator.clipboard.writeText(recoveryCodesText(codes, email));
      setSaid("Copied. Paste them somewhere safe, such as a password manager.");
    } catch {
      setSaid("This browser would not copy them. Select the codes and copy them, or download them.");
    }
  }

  function download() {
    if (link.current) URL.revokeObjectURL(link.current);
    link.current = URL.createObjectURL(new Blob([recoveryCodesText(codes, email)], { type: "text/plain" }));
    const a = document.createElement("a");
    a.href = link.current;
    a.download = "haven-recovery-codes.txt";
    a.click();
    setSaid("Downloaded as haven-recovery-codes.txt. Keep the file somewhere safe.");
  }

  return (
    <>
      <ul class="codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <div class="actions">
        <button type="button" class="secondary" onClick={() => void copy()} data-testid="copy-codes">
          Copy codes
        </button>
        <button type="button" class="secondary" onClick={download} data-testid="download-codes">
          Download codes
        </button>
      </div>
      <p role="status" class="done" data-testid="codes-saved">
        {said}
      </p>
    </>
  );
}
