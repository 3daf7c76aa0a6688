/**
 * The API reference for people (issue 14, item 1): /api/v1/docs in real Chromium, served by
 * `npm start`. Swagger UI must render the generated document under the page's own CSP (no CDN,
 * no inline script): the browser reports every CSP refusal as a console error, so a page that
 * needed something the policy forbids fails here, not in a reader's browser.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, base, DESKTOP, launchBrowser, screenshots } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);

afterAll(() => browser?.close());

describe("/api/v1/docs", () => {
  it("shows every area of the API and an operation's schema, with no CSP refusal", async () => {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    await page.setViewportSize(DESKTOP);
    const res = await page.goto(`${base()}/api/v1/docs`);
    expect(res?.status()).toBe(200);
    await expect
      .poll(() => page.locator(".swagger-ui .info .title").textContent(), { timeout: 30_000 })
      .toContain("Haven API");
    const doc = (await (await page.request.get(`${base()}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { tags: string[] }>>;
    };
    const tags = new Set(Object.values(doc.paths).flatMap((item) => Object.values(item).flatMap((op) => op.tags)));
    for (const tag of ["auth", "habits", "sync", "staff", "admin", "docs"]) expect(tags).toContain(tag);
    for (const tag of tags) await expect.poll(() => page.locator(`[id="operations-tag-${tag}"]`).count()).toBe(1);

    // Open one operation: its request body schema and its error responses are there.
    const opened = page.locator('[id="operations-habits-postHabits"]');
    await opened.locator("button.opblock-summary-control").click();
    await expect.poll(() => opened.locator(".responses-table").first().textContent()).toContain("201");
    expect(await opened.textContent()).toContain("difficulty");
    await screenshots(page, "api-docs");
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);
});
