/** Issue 11, defect 12: a storage failure is told as one, and cleared only by later success. */
import { describe, expect, it } from "vitest";
import { isStorageError, reportStorageFailure, reportStorageOk, storageProblem } from "./storage-health";

const quota = () =>
  Object.assign(new Error("Transaction aborted"), { name: "AbortError", inner: { name: "QuotaExceededError" } });

describe("storage health", () => {
  it("recognises a full disk however Dexie wraps it, and never a network failure", () => {
    expect(isStorageError(new DOMException("full", "QuotaExceededError"))).toBe(true);
    expect(isStorageError(quota())).toBe(true);
    expect(isStorageError(new TypeError("Failed to fetch"))).toBe(false);
    expect(reportStorageFailure(new TypeError("Failed to fetch"))).toBe(false);
  });

  it("keeps the notice when the success began before the failure, and clears it when it began after", () => {
    const before = performance.now();
    expect(reportStorageFailure(quota())).toBe(true);
    expect(storageProblem()).toMatch(/out of storage space/);
    reportStorageOk(before);
    expect(storageProblem()).toMatch(/out of storage space/);
    reportStorageOk(performance.now());
    expect(storageProblem()).toBeNull();
  });
});
