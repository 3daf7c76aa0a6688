import { describe, expect, it } from "vitest";
import { ageOf } from "./care-data";
import { sinceText, trendText } from "./labels";

describe("the care team's words for figures", () => {
  it("calls a change under half a point steady, and gives the size of a larger one", () => {
    expect(trendText(null)).toEqual({ arrow: "", words: "" });
    expect(trendText(0.49).words).toBe("steady on the week before");
    expect(trendText(-0.49).arrow).toBe("→");
    expect(trendText(1.44)).toEqual({ arrow: "↑", words: "up 1.4 on the week before" });
    expect(trendText(-2)).toEqual({ arrow: "↓", words: "down 2.0 on the week before" });
  });

  it("says how long ago a sync was, and the date beyond a week", () => {
    const now = Date.parse("2026-12-05T12:00:00Z");
    const ago = (ms: number) => new Date(now - ms).toISOString();
    expect(sinceText(null, now)).toBe("Never");
    expect(sinceText(ago(20_000), now)).toBe("Just now");
    expect(sinceText(ago(5 * 60_000), now)).toBe("5 min ago");
    expect(sinceText(ago(3 * 3_600_000), now)).toBe("3 h ago");
    expect(sinceText(ago(86_400_000), now)).toBe("1 day ago");
    expect(sinceText(ago(7 * 86_400_000), now)).toBe("7 days ago");
    expect(sinceText(ago(8 * 86_400_000), now)).not.toMatch(/ago/);
  });

  it("says how old a saved copy is", () => {
    const now = 1_000_000_000_000;
    expect(ageOf(now - 10_000, now)).toBe("just now");
    expect(ageOf(now - 60_000, now)).toBe("1 minute ago");
    expect(ageOf(now - 59 * 60_000, now)).toBe("59 minutes ago");
    expect(ageOf(now - 2 * 3_600_000, now)).toBe("2 hours ago");
    expect(ageOf(now - 3 * 86_400_000, now)).toBe("3 days ago");
  });
});
