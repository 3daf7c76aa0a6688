/**
 * The patient dashboard's clinical sections in real Chromium (issue 16): the clinician's private
 * notes (write, edit, delete; another clinician's read-only), the signed FHIR export downloaded
 * as two files and verified with jose against the published key, messages with the patient (a
 * double click sends once), the safety plan read and edited together with the patient (merged
 * per item, the merge said on screen), and the therapist who gets messages but no notes, FHIR
 * export or safety plan. Writes go to this file's own patient (care-clinical).
 */
import { readFile } from "node:fs/promises";
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from "jose";
import { type APIRequestContext, type Download, type Page, request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hotp, totpStep } from "../../worker/auth/totp";
import { DEMO_ACCOUNTS } from "../../worker/scripts/demo-data";
import { E2E_PASSWORD, e2eId, e2eName } from "./accounts";
import {
  apiGet,
  apiToken,
  type Browser,
  base,
  checkCareScreen,
  DESKTOP,
  launchBrowser,
  screenshots,
  signIn,
} from "./browser";
import { stackNow } from "./stack-clock";

const PATIENT = "care-clinical" as const;
const patientId = e2eId(PATIENT);
const patientName = e2eName(PATIENT);
const demoId = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)?.id as string;
const clinicianId = demoId("clinician@demo.haven");
const therapistId = demoId("therapist@demo.haven");
/** A word longer than any line: it must wrap, not push the page sideways. */
const LONG_WORD = `Pneumonoultramicroscopicsilicovolcanoconiosis${"x".repeat(120)}`;

let server: APIRequestContext;
let patientToken: string;

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function apiSend(method: "post" | "put" | "patch", path: string, token: string, data: unknown) {
  const res = await server[method](`${base()}/api/v1${path}`, { headers: auth(token), data });
  expect(res.ok(), `${method.toUpperCase()} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return res.json();
}

interface Note {
  id: string;
  authorId: string;
  body: string;
}
interface Message {
  id: string;
  senderId: string;
  recipientId: string;
  body: string;
  readAt: string | null;
}
interface PlanItem {
  id: string;
  text: string;
}
interface Plan {
  entries: Record<string, PlanItem[]>;
  copingSteps: string[];
  warningSigns: string[];
  version: number;
}

/**
 * A second clinician, as an admin would add one: created with a password, assigned to this
 * file's patient, then signed in and set up with two-factor sign-in (required for staff) by the
 * test's own authenticator. Their access token.
 */
async function secondClinician(): Promise<{ id: string; token: string; name: string }> {
  const admin = await apiToken(server, "admin@demo.haven");
  const email = `second-clinician-${Date.now()}@e2e.haven`;
  const name = "Dr Second Opinion";
  const created = (await apiSend("post", "/admin/users", admin, {
    email,
    displayName: name,
    role: "clinician",
    password: E2E_PASSWORD,
  })) as { user: { id: string } };
  const id = created.user.id;
  await apiSend("post", "/admin/assignments", admin, { staffId: id, patientId });
  const login = await server.post(`${base()}/api/v1/auth/login`, { data: { email, password: E2E_PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  // Not set up yet: signed in, but allowed only to set up two-factor sign-in.
  const token = ((await login.json()) as { accessToken: string }).accessToken;
  const { secret } = (await apiSend("post", "/auth/2fa/enroll", token, { password: E2E_PASSWORD })) as {
    secret: string;
  };
  await apiSend("post", "/auth/2fa/confirm", token, {
    password: E2E_PASSWORD,
    code: await hotp(secret, totpStep(stackNow())),
  });
  return { id, token, name };
}

/** The dashboard's tab that shows each section (pwa/src/care/patient/PatientDashboard.tsx). */
const TABS = {
  notes: "Notes",
  "fhir-export": "FHIR export",
  "patient-messages": "Messages",
  "staff-safety-plan": "Safety plan",
} as const;

/** Opens the patient's dashboard by its path, then the section's tab, and waits for the section. */
async function openDashboard(page: Page, section: keyof typeof TABS): Promise<void> {
  await page.goto(`${base()}/patients/${patientId}`);
  await page.getByRole("tab", { name: TABS[section], exact: true }).click({ timeout: 20_000 });
  await page.getByTestId(section).waitFor({ timeout: 20_000 });
}

/** The page's width is the viewport's: nothing (a long word) pushes it sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const [scroll, client] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  expect(scroll).toBeLessThanOrEqual(client);
}

beforeAll(async () => {
  server = await request.newContext();
  patientToken = await apiToken(server, PATIENT);
});
afterAll(async () => {
  await server?.dispose();
});

describe("the clinician's sections of the patient dashboard", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser({ timezoneId: "Europe/London", locale: "en-GB" });
    page = await browser.context.newPage();
    await page.setViewportSize(DESKTOP);
    await signIn(page, "clinician@demo.haven");
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("writes, edits and deletes a note; another clinician's note is read-only, with its time", async () => {
    const other = await secondClinician();
    const theirs = (await apiSend("post", `/staff/patients/${patientId}/notes`, other.token, {
      body: "Seen in clinic: sleeping better since the change of shift.",
    })) as { note: Note };

    await openDashboard(page, "notes");
    const notes = page.getByTestId("notes");
    const othersNote = notes.locator(`[data-note="${theirs.note.id}"]`);
    await othersNote.waitFor();
    expect(await othersNote.getByTestId("note-author").textContent()).toBe(other.name);
    expect(await othersNote.textContent()).toContain("read-only");
    expect(await othersNote.getByRole("button").count()).toBe(0);

    // Write one, with the count going up as it is typed and a word longer than the page.
    const box = notes.getByLabel("New note");
    const text = `Discussed the safety plan. ${LONG_WORD}`;
    await box.fill(text);
    expect(await notes.getByTestId("note-count").first().textContent()).toBe(
      `${text.length.toLocaleString("en")} / 50,000 characters`,
    );
    await notes.getByRole("button", { name: "Save note" }).click();
    const mine = notes.locator('[data-mine="true"]');
    await expect.poll(() => mine.count(), { timeout: 15_000 }).toBe(1);
    expect(await mine.getByTestId("note-body").textContent()).toBe(text);
    expect(await mine.getByTestId("note-author").textContent()).toBe("You");
    // Newest first: mine above the other clinician's.
    expect(await notes.getByTestId("note").first().getAttribute("data-mine")).toBe("true");
    expect(await box.inputValue()).toBe("");
    await expectNoSidewaysScroll(page);
    await checkCareScreen(page, "care-clinical-notes");
    await screenshots(page, "care-clinical-notes");
    await expectNoSidewaysScroll(page);

    // The other clinician sees it as saved.
    const saved = await apiGet<{ items: Note[] }>(server, other.token, `/staff/patients/${patientId}/notes`);
    const myNote = saved.items.find((n) => n.authorId === clinicianId && n.body === text);
    expect(myNote).toBeDefined();

    // Edit it: the new text, marked edited.
    await mine.getByRole("button", { name: /^Edit/ }).click();
    const editBox = mine.getByLabel("Your note");
    await editBox.fill("Discussed the safety plan; agreed to review it next week.");
    await mine.getByRole("button", { name: "Save changes" }).click();
    await expect
      .poll(() => mine.getByTestId("note-body").textContent(), { timeout: 15_000 })
      .toBe("Discussed the safety plan; agreed to review it next week.");
    await mine.getByTestId("note-edited").waitFor();
    const edited = await apiGet<{ items: Note[] }>(server, other.token, `/staff/patients/${patientId}/notes`);
    expect(edited.items.find((n) => n.id === myNote?.id)?.body).toBe(
      "Discussed the safety plan; agreed to review it next week.",
    );

    // Delete asks first; keeping it keeps it.
    await mine.getByRole("button", { name: /^Delete/ }).click();
    await mine.getByRole("button", { name: "Keep it" }).click();
    expect(await mine.count()).toBe(1);
    await mine.getByRole("button", { name: /^Delete/ }).click();
    await mine.getByRole("button", { name: "Delete note" }).click();
    await expect.poll(() => mine.count(), { timeout: 15_000 }).toBe(0);
    const after = await apiGet<{ items: Note[] }>(server, other.token, `/staff/patients/${patientId}/notes`);
    expect(after.items.map((n) => n.id)).toEqual([theirs.note.id]);
  });

  it("downloads the FHIR export and its detached signature, which verifies against the published key", async () => {
    // A check-in to export: a mood and sleep Observation each beside the Patient and Provenance.
    await apiSend("post", "/moods", patientToken, { mood: 7, sleepQuality: 6, sleepHours: 7.5 });
    await openDashboard(page, "fhir-export");
    const section = page.getByTestId("fhir-export");
    // Slow the answer down a little so the progress can be seen.
    await page.route("**/api/v1/staff/patients/*/fhir", async (route) => {
      await new Promise((r) => setTimeout(r, 700));
      await route.continue();
    });
    const downloads: Download[] = [];
    page.on("download", (d) => downloads.push(d));
    await section.getByRole("button", { name: "Download FHIR export" }).click();
    await expect.poll(() => section.getByTestId("fhir-status").textContent()).toContain("Preparing");
    await expect.poll(() => downloads.length, { timeout: 20_000 }).toBe(2);
    await page.unroute("**/api/v1/staff/patients/*/fhir");

    const bundleFile = downloads.find((d) => d.suggestedFilename().endsWith(".json"));
    const signatureFile = downloads.find((d) => d.suggestedFilename().endsWith(".jws"));
    expect(bundleFile?.suggestedFilename()).toMatch(/^e2e-care-clinical-fhir-\d{4}-\d{2}-\d{2}\.json$/);
    expect(signatureFile?.suggestedFilename()).toMatch(/^e2e-care-clinical-fhir-\d{4}-\d{2}-\d{2}\.jws$/);
    const body = await readFile((await bundleFile?.path()) as string);
    const signature = (await readFile((await signatureFile?.path()) as string, "utf8")).trim();

    const bundle = JSON.parse(body.toString("utf8")) as {
      resourceType: string;
      type: string;
      entry: { resource: { resourceType: string; id?: string } }[];
    };
    expect(bundle.resourceType).toBe("Bundle");
    expect(bundle.entry.some((e) => e.resource.resourceType === "Patient" && e.resource.id === patientId)).toBe(true);
    expect(bundle.entry.some((e) => e.resource.resourceType === "Provenance")).toBe(true);
    expect(bundle.entry.filter((e) => e.resource.resourceType === "Observation").length).toBeGreaterThanOrEqual(2);

    // The detached JWS: header..signature, the file's exact bytes as its payload.
    const [header, middle, sig] = signature.split(".");
    expect(middle).toBe("");
    const jwks = (await (await server.get(`${base()}/api/v1/fhir/jwks.json`)).json()) as JSONWebKeySet;
    const verified = await compactVerify(`${header}.${body.toString("base64url")}.${sig}`, createLocalJWKSet(jwks));
    expect(Buffer.from(verified.payload).equals(body)).toBe(true);
    // A changed byte does not verify.
    const tampered = Buffer.from(body);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 2) ^ 1, tampered.length - 2);
    await expect(
      compactVerify(`${header}.${tampered.toString("base64url")}.${sig}`, createLocalJWKSet(jwks)),
    ).rejects.toThrow();

    expect(await section.getByTestId("fhir-status").textContent()).toMatch(
      /Downloaded the Bundle \(\d+ resources?\) e2e-care-clinical-fhir-.*\.json and its signature/,
    );
    await section.getByText("How to verify the export").click();
    expect(await section.locator("pre").textContent()).toContain("/api/v1/fhir/jwks.json");
    await checkCareScreen(page, "care-clinical-fhir");
    await screenshots(page, "care-clinical-fhir");
  });

  it("sends a message once after a double click, and the patient sees it once", async () => {
    await openDashboard(page, "patient-messages");
    const section = page.getByTestId("patient-messages");
    // The messaging policy, said where it matters: a patient cannot write back to a clinician.
    expect(await section.textContent()).toContain("cannot reply to you");
    const text = `How did the new routine go this week? ${LONG_WORD} ${Date.now()}`;
    await section.getByLabel(`Message to ${patientName}`).fill(text);
    await section.getByRole("button", { name: "Send" }).dblclick();
    await expect.poll(() => section.getByTestId("message-sent").textContent(), { timeout: 15_000 }).toBe("Sent.");
    await expect
      .poll(() => section.getByTestId("message").filter({ hasText: "How did the new routine go" }).count(), {
        timeout: 15_000,
      })
      .toBe(1);
    const seen = await apiGet<{ items: Message[] }>(server, patientToken, `/messages/with/${clinicianId}`);
    expect(seen.items.filter((m) => m.body === text && m.senderId === clinicianId)).toHaveLength(1);
    await expectNoSidewaysScroll(page);
    await checkCareScreen(page, "care-clinical-messages");
    await screenshots(page, "care-clinical-messages");
  });

  it("says the service's refusal of a message as it gives it", async () => {
    await openDashboard(page, "patient-messages");
    const section = page.getByTestId("patient-messages");
    // The assignment ending between opening the page and sending, as the service answers it.
    await page.route("**/api/v1/messages", (route) =>
      route.request().method() === "POST"
        ? route.fulfill({
            status: 403,
            contentType: "application/json",
            body: JSON.stringify({
              error: {
                code: "CARE_ASSIGNMENT_REQUIRED",
                message: "Messages between a patient and a therapist or clinician need a current care assignment.",
                requestId: "e2e",
              },
            }),
          })
        : route.continue(),
    );
    await section.getByLabel(`Message to ${patientName}`).fill("Are you free on Thursday?");
    await section.getByRole("button", { name: "Send" }).click();
    await expect
      .poll(() => section.getByTestId("message-error").textContent(), { timeout: 10_000 })
      .toBe("Messages between a patient and a therapist or clinician need a current care assignment.");
    // Nothing is lost: the text stays to send again.
    expect(await section.getByLabel(`Message to ${patientName}`).inputValue()).toBe("Are you free on Thursday?");
    await page.unroute("**/api/v1/messages");
  });

  it("reads the safety plan with who wrote what, and edits it together with the patient", async () => {
    // The patient's own item, from their device.
    const start = (await apiGet<{ safetyPlan: Plan }>(server, patientToken, "/safety-plan")).safetyPlan;
    const itemId = crypto.randomUUID();
    await apiSend("put", "/safety-plan", patientToken, {
      baseVersion: start.version,
      ops: [{ op: "add", section: "warningSigns", id: itemId, text: "Skipping meals" }],
    });

    await openDashboard(page, "staff-safety-plan");
    const section = page.getByTestId("staff-safety-plan");
    const signs = section.getByTestId("care-plan-warningSigns");
    await expect.poll(() => signs.textContent(), { timeout: 15_000 }).toContain("Skipping meals");
    expect(await signs.textContent()).toContain(`Added by ${patientName}`);

    await section.getByRole("button", { name: /Edit the plan|Start the plan/ }).click();
    await section.getByLabel("Add a coping step").fill("Walk round the park with headphones on");
    await section.getByRole("button", { name: "Add coping step" }).click();
    const item = section.getByRole("textbox", { name: /^Warning signs: item/ }).last();
    expect(await item.inputValue()).toBe("Skipping meals");
    await item.fill("Skipping meals for a whole day");

    // Meanwhile, on the patient's phone: they change the same item, and add one of their own.
    const mid = (await apiGet<{ safetyPlan: Plan }>(server, patientToken, "/safety-plan")).safetyPlan;
    await apiSend("put", "/safety-plan", patientToken, {
      baseVersion: mid.version,
      ops: [
        { op: "edit", section: "warningSigns", id: itemId, text: "Skipping breakfast", from: "Skipping meals" },
        { op: "add", section: "peopleAndPlaces", id: crypto.randomUUID(), text: "The library on Wednesdays" },
      ],
    });

    await checkCareScreen(page, "care-clinical-safety-plan-editor");
    await section.getByRole("button", { name: "Save the plan" }).click();
    const merge = section.getByTestId("plan-merge");
    await merge.waitFor({ timeout: 15_000 });
    const report = await merge.textContent();
    expect(report).toContain("Saved 2 changes");
    expect(report).toContain("merged with 1 save by others");
    expect(await merge.getByTestId("plan-conflicts").textContent()).toContain(
      `In warning signs, your “Skipping meals for a whole day” replaced ${patientName}'s “Skipping breakfast”.`,
    );
    await expect
      .poll(() => section.getByTestId("care-plan-peopleAndPlaces").textContent(), { timeout: 15_000 })
      .toContain("The library on Wednesdays");
    expect(await section.getByTestId("care-plan-copingSteps").textContent()).toContain(
      "Walk round the park with headphones on",
    );
    expect(await section.getByTestId("care-plan-copingSteps").textContent()).toContain("Added by you");
    await checkCareScreen(page, "care-clinical-safety-plan");
    await screenshots(page, "care-clinical-safety-plan");

    // The patient's own API holds the merged plan: both writers' changes, the clinician's last.
    const plan = (await apiGet<{ safetyPlan: Plan }>(server, patientToken, "/safety-plan")).safetyPlan;
    expect(plan.copingSteps).toContain("Walk round the park with headphones on");
    expect(plan.warningSigns).toContain("Skipping meals for a whole day");
    expect(plan.entries.peopleAndPlaces?.map((i) => i.text)).toContain("The library on Wednesdays");
  });
});

describe("the therapist's view of the same patient", () => {
  it("has messages (older ones on request, read when seen) but no notes, FHIR export or safety plan", async () => {
    // More than one page (30): the oldest waits behind "Load older messages".
    const stamp = Date.now();
    const oldest = `The first thing I wanted to say ${stamp}`;
    await apiSend("post", "/messages", patientToken, { recipientId: therapistId, body: oldest });
    for (let i = 1; i <= 30; i++) {
      await apiSend("post", "/messages", patientToken, {
        recipientId: therapistId,
        body: `Note to self ${i}, ${stamp}`,
      });
    }
    const text = `A question for my therapist ${stamp}`;
    const sent = (await apiSend("post", "/messages", patientToken, { recipientId: therapistId, body: text })) as {
      message: Message;
    };
    const browser = await launchBrowser({ timezoneId: "Europe/London", locale: "en-GB" });
    try {
      const page = await browser.context.newPage();
      await page.setViewportSize(DESKTOP);
      await signIn(page, "therapist@demo.haven");
      await openDashboard(page, "patient-messages");
      const section = page.getByTestId("patient-messages");
      await expect
        .poll(() => section.getByTestId("message").filter({ hasText: text }).count(), { timeout: 15_000 })
        .toBe(1);
      expect(await section.getByTestId("message").filter({ hasText: oldest }).count()).toBe(0);
      await section.getByRole("button", { name: "Load older messages" }).click();
      await expect
        .poll(() => section.getByTestId("message").filter({ hasText: oldest }).count(), { timeout: 15_000 })
        .toBe(1);
      // Oldest to newest, the question last.
      const bodies = await section.getByTestId("message").allTextContents();
      expect(bodies.findIndex((b) => b.includes(oldest))).toBeLessThan(bodies.findIndex((b) => b.includes(text)));
      expect(bodies.at(-1)).toContain(text);
      // Seen on screen: marked read for the patient.
      await expect
        .poll(
          async () =>
            (await apiGet<{ items: Message[] }>(server, patientToken, `/messages/with/${therapistId}`)).items.find(
              (m) => m.id === sent.message.id,
            )?.readAt ?? null,
          { timeout: 15_000 },
        )
        .not.toBeNull();
      // Patients cannot write to clinicians: a therapist is not told otherwise.
      expect(await section.textContent()).not.toContain("cannot reply to you");
      // Neither as a tab nor as a section.
      const tabs = await page.getByRole("tab").allTextContents();
      expect(tabs).toContain("Messages");
      for (const name of ["Notes", "FHIR export", "Safety plan"]) expect(tabs).not.toContain(name);
      expect(await page.getByTestId("notes").count()).toBe(0);
      expect(await page.getByTestId("fhir-export").count()).toBe(0);
      expect(await page.getByTestId("staff-safety-plan").count()).toBe(0);
      expect(await page.getByRole("heading", { name: "Private notes" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Download FHIR export" }).count()).toBe(0);
      await checkCareScreen(page, "care-clinical-therapist");
    } finally {
      await browser.close();
    }
  });
});
