import { reportStorageFailure, reportStorageOk } from "./storage-health";
import { core } from "./sync";
import type { Optimistic } from "./sync-core";

/**
 * Makes a write on this device: the entity changes in the cache and the operation joins the
 * outbox in one transaction (see SyncCore.write), stamped with the clock-corrected time.
 */
export async function write(
  type: string,
  payload: Record<string, unknown>,
  optimistic: Optimistic | null,
): Promise<string> {
  try {
    const opId = await core.write(type, payload, optimistic);
    reportStorageOk();
    return opId;
  } catch (err) {
    reportStorageFailure(err);
    throw err;
  }
}
