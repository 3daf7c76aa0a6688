import { describe, expect, it } from "vitest";
import { ROLES } from "../../../shared/roles";
import { CARE_SCREENS, careScreenFor, matchPath, screensFor } from "./screens";

describe("the care team's screens", () => {
  it("serves no patient, and every staff or admin role has a home", () => {
    expect(screensFor("patient")).toEqual([]);
    for (const role of ROLES.filter((r) => r !== "patient")) {
      expect(screensFor(role)[0]?.path).toBe("/");
      expect(careScreenFor(role, "/").screen.path).toBe("/");
    }
  });

  it("never opens a screen for a role it does not declare, by its path", () => {
    for (const role of ROLES.filter((r) => r !== "patient")) {
      for (const screen of CARE_SCREENS) {
        const path = screen.path.replace(":id", "0b9c1a8e-2a41-4d9e-9b2c-111111111111");
        const opened = careScreenFor(role, path).screen;
        expect(opened.roles).toContain(role);
        if (!screen.roles.includes(role)) expect(opened).not.toBe(screen);
      }
    }
  });

  it("gives admins no clinical screen, and staff no admin screen", () => {
    const admin = screensFor("admin").map((s) => s.path);
    expect(admin).not.toContain("/inbox");
    expect(admin).not.toContain("/patients/:id");
    for (const role of ["therapist", "clinician"] as const) {
      const paths = screensFor(role).map((s) => s.path);
      for (const p of ["/assignments", "/audit", "/health"]) expect(paths).not.toContain(p);
    }
  });

  it("matches whole segments, decodes parameters, and ignores a trailing slash", () => {
    expect(matchPath("/patients/:id", "/patients/abc/")).toEqual({ id: "abc" });
    expect(matchPath("/patients/:id", "/patients/a%20b")).toEqual({ id: "a b" });
    expect(matchPath("/patients/:id", "/patients/%E0%A4%A")).toBeNull();
    expect(matchPath("/patients/:id", "/patients")).toBeNull();
    expect(matchPath("/patients/:id", "/patients/a/b")).toBeNull();
    expect(matchPath("/inbox", "/inboxes")).toBeNull();
    expect(matchPath("/", "/")).toEqual({});
  });
});
