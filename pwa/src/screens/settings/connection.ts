import { useState } from "preact/hooks";
import type { ErrorCode } from "../../../../shared/errors";
import { errorOf } from "../../api/session";

const UNREACHABLE = "Haven cannot be reached. Check your connection and try again.";
const UNEXPECTED = "Something went wrong on this device. Please try again.";

/** A refusal from the server, carrying the unified error's message for the patient. */
class Refusal extends Error {}

/**
 * Throws the unified error of a failed response, for `useAction` to show; `say` words a code
 * for where the form is (a wrong code on a step that asks only for the code, say).
 */
export async function refusal(res: Response, say: Partial<Record<ErrorCode, string>> = {}): Promise<never> {
  const { code, message } = await errorOf(res);
  throw new Refusal(say[code] ?? message);
}

/**
 * One online action's state: busy while it runs, then the server's message when it refused,
 * or a plain "cannot be reached" when the request never got an answer.
 */
export function useAction(): {
  busy: boolean;
  error: string | null;
  run: (task: () => Promise<void>) => Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(task: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (err) {
      // fetch rejects with a TypeError when no answer came back at all.
      setError(err instanceof Refusal ? err.message : err instanceof TypeError ? UNREACHABLE : UNEXPECTED);
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
