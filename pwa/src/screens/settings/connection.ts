import { useState } from "preact/hooks";
import { errorOf } from "../../api/session";

const UNREACHABLE = "Haven cannot be reached. Check your connection and try again.";
const UNEXPECTED = "Something went wrong on this device. Please try again.";

/** A refusal from the server, carrying the unified error's message for the patient. */
class Refusal extends Error {}

/** Throws the unified error of a failed response, for `useAction` to show. */
export async function refusal(res: Response): Promise<never> {
  throw new Refusal((await errorOf(res)).message);
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
