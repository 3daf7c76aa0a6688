import type { CommandInput, CommandType } from "../../../shared/schemas/commands";
import { reportStorageFailure, reportStorageOk } from "./storage-health";
import { core } from "./sync";
import type { Optimistic } from "./sync-core";

/**
 * Makes a write on this device, typed by the command's shared schema (a screen cannot queue a
 * payload the server would refuse for its shape): the entity changes in the cache and the operation joins the
 * outbox in one transaction (see SyncCore.write), stamped with the clock-corrected time.
 */
export async function write<T extends CommandType>(
  type: T,
  payload: CommandInput<T>,
  optimistic: Optimistic | null,
): Promise<string> {
  const startedAt = performance.now();
  try {
    const opId = await core.write(type, payload, optimistic);
    reportStorageOk(startedAt);
    return opId;
  } catch (err) {
    reportStorageFailure(err);
    throw err;
  }
}
