/**
 * The admin's screens in real Chromium (issue 16): the demo admin creates a therapist (whose name
 * has a very long word), assigns them to this file's patient (care-admin), the therapist signs in
 * for the first time (setting up two-factor sign-in) and sees the patient in their caseload; the
 * admin unassigns and the patient is gone on the therapist's next load. Then the audit log's
 * filters and pages, the system health, and a one-time password-reset code issued by the admin
 * and redeemed on the sign-in screen. No admin screen shows the offline banner while online.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOTP_PERIOD_SECONDS } from "../../shared/limits";
import { hotp, totpStep } from "../../worker/auth/totp";
import { e2eId, e2eName } from "./accounts";
import {
  apiToken,
  type Browser,
  base,
  checkCareScreen,
  checkScreen,
  DESKTOP,
  launchBrowser,
  openScreen,
  screenshots,
  signIn,
  signOut,
} from "./browser";
import { stackNow } from "./stack-clock";

const TAG = crypto.randomUUID().slice(0, 6);
const THERAPIST = {
  name: `Theodora Wolfeschlegelsteinhausenbergerdorff ${TAG}`,
  email: `therapist-${TAG}@e2e.haven`,
  password: "an initial passphrase for theodora",
};
const NEW_PASSWORD = "theodora's own new passphrase";
const PATIENT = e2eName("care-admin");

let adminBrowser: Browser;
let admin: Page;
let therapistBrowser: Browser;
let therapist: Page;
/** The therapist's authenticator secret, once they have set two-factor sign-in up. */
let secret = "";

beforeAll(async () => {
  adminBrowser = await launchBrowser({ timezoneId: "Europe/London", locale: "en-GB" });
  admin = await adminBrowser.context.newPage();
  await admin.setViewportSize(DESKTOP);
  await signIn(admin, "admin@demo.haven");
  therapistBrowser = await launchBrowser({ timezoneId: "Europe/London", locale: "en-GB" });
  therapist = await therapistBrowser.context.newPage();
  await therapist.setViewportSize(DESKTOP);
});
afterAll(async () => {
  await adminBrowser?.close();
  await therapistBrowser?.close();
});

async function expectNoOfflineBanner(page: Page): Promise<void> {
  expect(await page.getByTestId("offline-banner").count()).toBe(0);
}

/** Waits for a care screen's title, then checks it (axe at tablet and desktop) and photographs it at every size. */
async function checkAdminScreen(page: Page, title: string, name: string): Promise<void> {
  await expect.poll(() => page.getByTestId("screen-title").textContent()).toBe(title);
  await expectNoOfflineBanner(page);
  await checkCareScreen(page, name);
  await screenshots(page, name);
  await page.setViewportSize(DESKTOP);
}

/**
 * Signs the new therapist in with a code from their authenticator: a code is accepted once, so a
 * refused one is followed by the next step's, then by waiting for a fresh step.
 */
async function enterTotp(page: Page): Promise<void> {
  const step = TOTP_PERIOD_SECONDS * 1000;
  for (let round = 0; round < 4; round++) {
    for (const offset of [0, 1]) {
      await page
        .getByLabel(/code from your authenticator app/i)
        .fill(await hotp(secret, totpStep(stackNow()) + offset));
      const answer = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/2fa/verify"));
      await page.getByRole("button", { name: "Verify" }).click();
      if ((await answer).ok()) return;
    }
    const now = stackNow();
    await page.waitForTimeout((Math.floor(now / step) + 2) * step - now + 500);
  }
  throw new Error("no fresh two-factor code was accepted");
}

/** The care copies this device keeps (IndexedDB meta keys `care:…`). */
function savedKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open("haven");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction("meta").objectStore("meta").getAllKeys();
          req.onsuccess = () => {
            open.result.close();
            resolve((req.result as string[]).filter((k) => k.startsWith("care:")));
          };
        };
      }),
  );
}

const caseloadNames = (page: Page) => page.getByTestId("caseload").locator("tbody th").allTextContents();

describe("the admin's screens", () => {
  it("creates a therapist, assigns them a patient they then see, and unassigns at once", async () => {
    // Users, the admin's home.
    await checkAdminScreen(admin, "Users", "admin-users");
    await admin.getByRole("button", { name: "Create a staff account" }).click();
    // Nothing filled in: every problem is said beside its field.
    await admin.getByRole("button", { name: "Create the account" }).click();
    await admin.getByTestId("create-error").waitFor();
    expect(await admin.locator(".field-error").count()).toBeGreaterThanOrEqual(3);
    expect(await admin.getByLabel("Email", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    const form = admin.getByTestId("create-staff");
    await form.getByLabel("Name").fill(THERAPIST.name);
    await form.getByLabel("Email").fill(THERAPIST.email);
    await form.getByLabel("Role").selectOption("therapist");
    await form.getByLabel(/Initial password/).fill(THERAPIST.password);
    await form.getByRole("button", { name: "Create the account" }).click();
    await expect.poll(() => admin.getByTestId("created-account").textContent()).toContain(THERAPIST.email);
    // The list starts again with the new account on top.
    await expect
      .poll(() => admin.getByTestId("users").locator("tbody tr").first().locator("th").textContent())
      .toBe(THERAPIST.name);
    await checkAdminScreen(admin, "Users", "admin-users-created");

    // Assignments: both sides searched.
    await openScreen(admin, "Assignments");
    await expect.poll(() => admin.getByTestId("screen-title").textContent()).toBe("Assignments");
    const staffPicker = admin.getByTestId("pick-staff");
    await staffPicker.getByRole("searchbox").fill(TAG);
    await staffPicker.getByRole("radio", { name: new RegExp(THERAPIST.email) }).check();
    const patientPicker = admin.getByTestId("pick-patient");
    await patientPicker.getByRole("searchbox").fill("care-admin");
    await patientPicker.getByRole("radio", { name: new RegExp(PATIENT) }).check();
    await admin.getByTestId("assign").click();
    await expect.poll(() => admin.getByTestId("assignments-notice").textContent()).toContain("now looks after");
    await expect.poll(() => admin.getByTestId("assignments").locator("tbody tr").count(), { timeout: 10_000 }).toBe(1);
    await checkAdminScreen(admin, "Assignments", "admin-assignments");

    // The therapist's first sign-in: two-factor set-up first, then their caseload.
    await therapist.goto(base());
    await therapist.getByLabel("Email").fill(THERAPIST.email);
    await therapist.getByLabel("Password").fill(THERAPIST.password);
    await therapist.getByRole("button", { name: "Sign in" }).click();
    await therapist.getByRole("heading", { name: "Set up two-factor sign-in", level: 2 }).waitFor();
    await therapist.getByLabel("Password").fill(THERAPIST.password);
    await therapist.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    secret = ((await therapist.getByTestId("totp-secret").textContent()) ?? "").replace(/\s+/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await therapist.getByLabel("6-digit code the app shows").fill(await hotp(secret, totpStep(stackNow())));
    await therapist.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await therapist.getByTestId("recovery-codes").waitFor();
    await therapist.getByRole("button", { name: "I have saved these" }).click();
    await therapist.getByTestId("welcome").waitFor();
    await expect.poll(() => caseloadNames(therapist), { timeout: 15_000 }).toEqual([PATIENT]);
    await expectNoOfflineBanner(therapist);
    // Their patient's page, kept on the device for reading offline.
    await therapist.getByTestId("caseload").getByRole("link", { name: PATIENT }).click();
    await therapist.getByTestId("patient-summary").waitFor({ timeout: 15_000 });
    await expect.poll(() => savedKeys(therapist), { timeout: 15_000 }).toContain(`care:summary:${e2eId("care-admin")}`);
    await therapist.goto(base());

    // Unassigned: gone from the therapist's caseload on its next load.
    await admin.getByRole("button", { name: `Unassign ${THERAPIST.name} from ${PATIENT}` }).click();
    await expect.poll(() => admin.getByTestId("assignments-notice").textContent()).toContain("no longer looks after");
    await expect.poll(() => admin.getByTestId("assignments-empty").count()).toBe(1);
    await therapist.reload();
    await therapist.getByTestId("welcome").waitFor();
    await expect
      .poll(() => therapist.getByText("No patients are assigned to you yet.").count(), { timeout: 15_000 })
      .toBe(1);
    expect(await therapist.getByTestId("caseload").count()).toBe(0);
    await expectNoOfflineBanner(therapist);

    // The patient's page, opened before, is refused now, and the copy this device kept goes too.
    await therapist.goto(`${base()}/patients/${e2eId("care-admin")}`);
    await therapist.getByTestId("data-error").first().waitFor({ timeout: 15_000 });
    await expect
      .poll(() => savedKeys(therapist), { timeout: 15_000 })
      .not.toContain(`care:summary:${e2eId("care-admin")}`);
  });

  it("filters the audit log and pages through it", async () => {
    await openScreen(admin, "Audit log");
    await expect.poll(() => admin.getByTestId("screen-title").textContent()).toBe("Audit log");
    const rows = admin.getByTestId("audit").locator("tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    await checkAdminScreen(admin, "Audit log", "admin-audit");

    // By who (an email), what and how it went.
    const filters = admin.getByTestId("audit-filters");
    await filters.getByLabel("User (email or account id)").fill("admin@demo.haven");
    await filters.getByLabel("Action").fill("admin.assignment.delete");
    await filters.getByLabel("Outcome").selectOption("success");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    const actionsShown = () => rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector("td")?.textContent ?? ""));
    await expect.poll(async () => [...new Set(await actionsShown())]).toEqual(["admin.assignment.delete"]);
    const actions = await actionsShown();
    expect(await rows.locator(".outcome-success").count()).toBe(actions.length);
    // A request id from the table narrows it to that request.
    await rows
      .first()
      .getByRole("button", { name: /show only this request's events/ })
      .click();
    await expect.poll(() => rows.count()).toBe(1);

    // Pages of ten, older and back.
    await filters.getByRole("button", { name: "Clear" }).click();
    await filters.getByLabel("Events per page").selectOption("10");
    await filters.getByLabel("Outcome").selectOption("success");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect.poll(() => rows.count()).toBe(10);
    const firstPage = await rows.first().getAttribute("data-event");
    await admin.getByRole("button", { name: "Older" }).click();
    await expect.poll(() => admin.getByTestId("audit-page").textContent()).toBe("Page 2");
    await expect.poll(() => rows.first().getAttribute("data-event")).not.toBe(firstPage);
    const secondPage = Number(await rows.first().getAttribute("data-event"));
    expect(secondPage).toBeLessThan(Number(firstPage));
    await admin.getByRole("button", { name: "Newer" }).click();
    await expect.poll(() => admin.getByTestId("audit-page").textContent()).toBe("Page 1");

    // A time range that has nothing in it.
    await filters.getByLabel("From (your local time)").fill("2001-01-01T00:00:00");
    await filters.getByLabel("Until (not included)").fill("2001-01-02T00:00:00");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await admin.getByTestId("audit-empty").waitFor();
    await expectNoOfflineBanner(admin);
  });

  it("shows the system health: version, migrations and the last day's server errors", async () => {
    await openScreen(admin, "Health");
    await expect.poll(() => admin.getByTestId("health-version").count()).toBe(1);
    expect(await admin.getByTestId("health-version").textContent()).toMatch(/^\d+\.\d+\.\d+/);
    expect(await admin.getByTestId("health-migrations").textContent()).toMatch(/^\d+ applied; the latest is \d{4}_/);
    expect(await admin.getByTestId("health-errors").textContent()).toMatch(/^\d+/);
    await checkAdminScreen(admin, "System health", "admin-health");
  });

  it("lists unacknowledged high flags (nothing clinical) and sets the escalation minutes, warning while nobody is on call", async () => {
    // This file's patient presses "Alert my care team" (an SOS: a high flag) through the API.
    const request = admin.context().request;
    const token = await apiToken(request, "care-admin");
    const flagId = crypto.randomUUID();
    const sync = await request.post(`${base()}/api/v1/sync/push`, {
      headers: { Authorization: `Bearer ${token}` },
      data: {
        clientId: "e2e-care-admin",
        operations: [
          {
            opId: crypto.randomUUID(),
            type: "risk.flag",
            at: new Date(stackNow()).toISOString(),
            payload: { id: flagId, source: "sos" },
          },
        ],
      },
    });
    expect(sync.status(), await sync.text()).toBe(200);

    await openScreen(admin, "Health");
    // The screen shows its saved copy from the test before at once; read it again.
    await admin.getByRole("button", { name: "Check again" }).click();
    await expect.poll(() => admin.getByTestId("unacknowledged-count").count()).toBe(1);
    expect(await admin.getByTestId("unacknowledged-count").textContent()).toMatch(/^\d+ high flags? (is|are) waiting/);
    expect(await admin.getByTestId("unacknowledged-flag").count()).toBeGreaterThan(0);
    const section = (await admin.getByTestId("unacknowledged").textContent()) ?? "";
    expect(section).not.toContain(PATIENT);
    expect(section).not.toMatch(/\bsos\b|suicid/i);

    // Nobody is on call in this stack: the warning says so, and the picker offers the staff.
    await expect.poll(() => admin.getByTestId("escalation-warning").count()).toBe(1);
    await expect.poll(() => admin.getByTestId("escalation-on-call").locator("option").count()).toBeGreaterThan(1);
    await checkAdminScreen(admin, "System health", "admin-health-escalation");

    // A minutes value out of range cannot be saved; a valid one is, still with nobody on call.
    const minutes = admin.getByTestId("escalation-minutes");
    await minutes.fill("0");
    expect(await admin.getByTestId("escalation-save").isDisabled()).toBe(true);
    await minutes.fill("20");
    await admin.getByTestId("escalation-save").click();
    await expect
      .poll(() => admin.getByTestId("escalation-notice").textContent())
      .toBe("Saved: 20 minutes, with nobody on call.");
    expect(await admin.getByTestId("escalation-warning").count()).toBe(1);
    // Back to the default, for the other files sharing this stack.
    await minutes.fill("15");
    await admin.getByTestId("escalation-save").click();
    await expect
      .poll(() => admin.getByTestId("escalation-notice").textContent())
      .toBe("Saved: 15 minutes, with nobody on call.");
  });

  it("issues a one-time reset code that the therapist redeems on the sign-in screen", async () => {
    await openScreen(admin, "Users");
    await admin.getByLabel("Email or name contains").fill(TAG);
    await admin.getByRole("button", { name: "Search" }).click();
    await expect.poll(() => admin.getByTestId("users").locator("tbody tr").count()).toBe(1);
    await admin.getByRole("button", { name: `Reset code for ${THERAPIST.name}` }).click();
    // Offline, the write is refused with a sentence, and nothing is issued.
    await adminBrowser.context.setOffline(true);
    await admin.getByRole("button", { name: "Issue the code" }).click();
    await expect.poll(() => admin.getByTestId("users-error").textContent()).toMatch(/needs a connection/);
    expect(await admin.getByTestId("reset-code").count()).toBe(0);
    await adminBrowser.context.setOffline(false);
    await admin.getByRole("button", { name: "Issue the code" }).click();
    const code = (await admin.getByTestId("reset-code").textContent()) ?? "";
    expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    await checkAdminScreen(admin, "Users", "admin-users-reset-code");
    await admin.getByRole("button", { name: "Done: I have handed it over" }).click();
    expect(await admin.getByTestId("reset-code").count()).toBe(0);

    await signOut(therapist);
    await therapist.getByRole("button", { name: "Have a reset code from your admin?" }).click();
    await therapist.getByRole("heading", { name: "Set a new password with a reset code" }).waitFor();
    await checkScreen(therapist, "redeem-reset-code");
    await therapist.setViewportSize(DESKTOP);
    // A wrong code first: the generic refusal.
    await therapist.getByLabel("Email").fill(THERAPIST.email);
    await therapist.getByLabel("Reset code", { exact: true }).fill("AAAAA-BBBBB-CCCCC-DDDDD");
    await therapist.getByLabel(/New password/).fill(NEW_PASSWORD);
    await therapist.getByRole("button", { name: "Set the new password" }).click();
    await expect.poll(() => therapist.getByRole("alert").textContent()).toMatch(/reset code is not correct/);
    // Then the real one, typed in lower case.
    await therapist.getByLabel("Reset code", { exact: true }).fill(code.toLowerCase());
    await therapist.getByRole("button", { name: "Set the new password" }).click();
    await therapist.getByTestId("password-reset-done").waitFor();
    await therapist.getByRole("heading", { name: "Sign in" }).waitFor();
    await checkScreen(therapist, "redeem-reset-code-done");
    await therapist.setViewportSize(DESKTOP);

    // The new password signs in; two-factor sign-in is still asked for.
    await therapist.getByLabel("Email").fill(THERAPIST.email);
    await therapist.getByLabel("Password").fill(NEW_PASSWORD);
    await therapist.getByRole("button", { name: "Sign in" }).click();
    await enterTotp(therapist);
    await therapist.getByTestId("welcome").waitFor();
    await expectNoOfflineBanner(therapist);
  });
});
