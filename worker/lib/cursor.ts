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

/** A cursor for lists ordered by (time, id) descending: "after this row". */
export function encodeTimeCursor(at: number, id: string): string {
  return toBase64Url(encoder.encode(JSON.stringify({ v: 1, at, id })));
}

export function decodeTimeCursor(cursor: string): { at: number; id: string } {
  try {
    const parsed = JSON.parse(decoder.decode(fromBase64Url(cursor))) as { v?: unknown; at?: unknown; id?: unknown };
    if (parsed.v === 1 && Number.isSafeInteger(parsed.at) && typeof parsed.id === "string" && parsed.id.length <= 64) {
      return { at: parsed.at as number, id: parsed.id };
    }
  } catch {
    // fall through
  }
  throw new ApiError("INVALID_CURSOR");
}
