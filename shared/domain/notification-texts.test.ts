import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appPath, NOTIFICATION_KINDS, NOTIFICATION_TEXTS, notificationPayload } from "./notification-texts";

/** Words that would put health content, risk wording or guilt on a lock screen. */
const FORBIDDEN =
  /mood|risk|crisis|suicid|self[- ]?harm|harm|kill|die|death|danger|emergency|urgent|feel|sad|depress|anxi|panic|missed|forgot|failed|streak|broke|lost|overdue|should|must/i;

describe("notification texts", () => {
  it("say nothing about health, risk or guilt", () => {
    for (const kind of NOTIFICATION_KINDS) {
      const { title, body } = NOTIFICATION_TEXTS[kind];
      expect(`${title} ${body}`, kind).not.toMatch(FORBIDDEN);
      expect(body.length, kind).toBeGreaterThan(0);
      expect(body.length, kind).toBeLessThan(80);
    }
  });

  it("the forbidden-words check catches what it is for", () => {
    for (const bad of ["Your mood today", "Risk flag: high", "You missed your check-in", "self-harm alert"]) {
      expect(bad).toMatch(FORBIDDEN);
    }
  });

  it("give the fixed wording the issue asks for", () => {
    expect(NOTIFICATION_TEXTS.message.body).toBe("You have a new message in Haven");
    expect(NOTIFICATION_TEXTS.flag.body).toBe("A patient needs attention");
    expect(NOTIFICATION_TEXTS.escalation.body).toContain("A patient needs attention");
  });

  it("build a payload of exactly title, body, url and tag", () => {
    for (const kind of NOTIFICATION_KINDS) {
      const payload = notificationPayload(kind, "/messages");
      expect(Object.keys(payload).sort()).toEqual(["body", "tag", "title", "url"]);
      expect(payload).toEqual({ ...NOTIFICATION_TEXTS[kind], url: "/messages", tag: `haven-${kind}` });
    }
  });

  it("keep the click inside the app", () => {
    expect(appPath("/patients/u_123")).toBe("/patients/u_123");
    expect(appPath("/messages?x=1")).toBe("/messages?x=1");
    for (const bad of [
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "",
      "messages",
    ]) {
      expect(appPath(bad), bad).toBe("/");
    }
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = appPath(s);
        expect(out.startsWith("/")).toBe(true);
        expect(out.startsWith("//")).toBe(false);
        expect(out).not.toContain(":");
        expect(new URL(out, "https://haven.test").origin).toBe("https://haven.test");
      }),
    );
  });
});
