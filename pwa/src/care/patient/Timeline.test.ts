import { describe, expect, it } from "vitest";
import type { TimelineItem } from "../../../../shared/schemas/staff";
import type { QuestView } from "../../../../shared/schemas/views";
import { mergeQuests, patientClock } from "./Timeline";

const mood = (at: string): TimelineItem => ({
  kind: "mood",
  id: crypto.randomUUID(),
  at,
  localDay: at.slice(0, 10),
  mood: 5,
  sleepQuality: 5,
  sleepHours: null,
  note: null,
  tags: [],
});

const quest = (createdAt: string, status: QuestView["status"] = "active", updatedAt = createdAt): QuestView => ({
  id: crypto.randomUUID(),
  title: "Walk",
  description: null,
  difficulty: "easy",
  steps: [],
  dueDate: null,
  status,
  xpAwarded: false,
  createdAt,
  updatedAt,
});

const range = { from: "2026-03-01T00:00:00.000Z", to: "2026-03-31T00:00:00.000Z" };

describe("the dashboard's timeline", () => {
  it("merges quests in where they fall, newest first, its finish as a moment of its own", () => {
    const items = [mood("2026-03-20T10:00:00.000Z"), mood("2026-03-10T10:00:00.000Z")];
    const q = quest("2026-03-15T09:00:00.000Z", "done", "2026-03-25T09:00:00.000Z");
    const entries = mergeQuests(items, [q], range, true);
    expect(entries.map((e) => [e.kind, e.at])).toEqual([
      ["quest", "2026-03-25T09:00:00.000Z"],
      ["mood", "2026-03-20T10:00:00.000Z"],
      ["quest", "2026-03-15T09:00:00.000Z"],
      ["mood", "2026-03-10T10:00:00.000Z"],
    ]);
  });

  it("shows no quest older than the oldest entry loaded while older pages remain, and none outside the range", () => {
    const items = [mood("2026-03-20T10:00:00.000Z")];
    const older = quest("2026-03-05T09:00:00.000Z");
    const before = quest("2026-02-01T09:00:00.000Z");
    expect(mergeQuests(items, [older, before], range, false).map((e) => e.kind)).toEqual(["mood"]);
    // The last page in: the range's quests all show, the one before the range does not.
    expect(mergeQuests(items, [older, before], range, true).map((e) => e.kind)).toEqual(["mood", "quest"]);
  });

  it("tells days and times on the patient's clock", () => {
    // 23:30 UTC on 10 June is 00:30 on 11 June in London (BST) and 19:30 on 10 June in New York.
    expect(patientClock("Europe/London")("2026-06-10T23:30:00.000Z").day).toBe("2026-06-11");
    expect(patientClock("America/New_York")("2026-06-10T23:30:00.000Z").day).toBe("2026-06-10");
    expect(patientClock("Not/AZone")("2026-06-10T23:30:00.000Z").day).toBe("2026-06-10");
  });
});
