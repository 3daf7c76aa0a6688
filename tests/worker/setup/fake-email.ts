/**
 * The email capture server (worker/scripts/mailbox.ts) for the worker project, started once
 * (vitest globalSetup) because workerd cannot listen. Tests point EMAIL_API_URL at
 * `inject("emailCaptureUrl")` with EMAIL_API_KEY `inject("emailCaptureKey")`, and read what
 * arrived with `GET <url>/messages?to=…`.
 */
import type { TestProject } from "vitest/node";
import { startEmailCapture } from "../../../worker/scripts/mailbox";

declare module "vitest" {
  export interface ProvidedContext {
    emailCaptureUrl: string;
    emailCaptureKey: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const capture = await startEmailCapture({ apiKey: `capture-${crypto.randomUUID()}` });
  project.provide("emailCaptureUrl", capture.url);
  project.provide("emailCaptureKey", capture.apiKey);
  return capture.close;
}
