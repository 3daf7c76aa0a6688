import { ApiError } from "../../shared/errors";
import { fromBase64Url, toBase64Url } from "./encoding";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An opaque page cursor around a row id ("position after this id"). */
export function encodeIdCursor(id: number): string {
  return toBase64Url(encoder.encode(JSON.stringify({ v: 1, id })));
}

/** The id in a cursor; anything that is not one of ours is 400 INVALID_CURSOR. */
export function decodeIdCursor(cursor: string): number {
  try {
    const parsed: unknown = JSON.parse(decoder.decode(fromBase64Url(cursor)));
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      (parsed as { v?: unknown }).v === 1 &&
      Number.isSafeInteger((parsed as { id?: unknown }).id) &&
      (parsed as { id: number }).id > 0
    ) {
      return (parsed as { id: number }).id;
    }
  } catch {
    // fall through
  }
  throw new ApiError("INVALID_CURSOR");
}
