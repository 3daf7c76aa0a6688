/**
 * Shared set-up of the flag-alert tests: staff and patients with subscribed devices on the
 * stand-in push service (tests/support/push-service.ts), assignments and flags written straight
 * into D1 in the shape the commands store, and what the stand-in and the email capture received.
 */
import { env } from "cloudflare:workers";
import { expect, inject } from "vitest";
import type { Role } from "../../shared/roles";
import type { CapturedEmail } from "../../worker/scripts/mailbox";
import { createSubscriber, type ReceivedPush, receivedBy } from "../support/push-service-client";
import { call, createUserAndLogin, type Registered, register } from "./helpers";

export const PUSH = inject("pushServiceUrl");
export const CAPTURE = inject("emailCaptureUrl");

/** The worker's env with email sent through the capture server (Resend's API). */
export function emailEnv(): Env {
  return {
    ...env,
    EMAIL_PROVIDER: "resend",
    EMAIL_FROM: "Haven <alerts@haven.test>",
    EMAIL_API_URL: CAPTURE,
    EMAIL_API_KEY: inject("emailCaptureKey"),
  } as Env;
}

export interface Person extends Registered {
  /** The stand-in's subscriber id of this person's one device. */
  device: string;
}

/** A signed-in user of `role` whose browser subscribed to pushes (PUT /push/subscription). */
export async function personWithDevice(role: Role): Promise<Person> {
  const person = role === "patient" ? await register() : await createUserAndLogin(role);
  const sub = await createSubscriber(PUSH);
  const res = await call("/api/v1/push/subscription", {
    method: "PUT",
    token: person.accessToken,
    body: { endpoint: sub.endpoint, keys: sub.keys },
  });
  expect(res.status).toBeLessThan(300);
  return { ...person, device: sub.id };
}

export async function assign(staffId: string, patientId: string): Promise<void> {
  await env.DB.prepare("INSERT INTO assignments (staff_id, patient_id, created_at, created_by) VALUES (?, ?, ?, ?)")
    .bind(staffId, patientId, Date.now(), staffId)
    .run();
}

/** A flag as the commands store it (`companion` source, a C-SSRS category), not yet alerted. */
export async function insertFlag(patientId: string, level: "high" | "medium" | "low", at: number): Promise<string> {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    "INSERT INTO risk_flags (user_id, id, source, level, category, created_at, status) VALUES (?, ?, 'companion', ?, 'method', ?, 'open')",
  )
    .bind(patientId, id, level, at)
    .run();
  return id;
}

export async function flagRow(flagId: string) {
  return env.DB.prepare("SELECT notified_at, escalated_at, escalated_to, status FROM risk_flags WHERE id = ?")
    .bind(flagId)
    .first<{ notified_at: number | null; escalated_at: number | null; escalated_to: string | null; status: string }>();
}

export async function pushesTo(device: string): Promise<ReceivedPush[]> {
  return (await receivedBy(PUSH, device)).received;
}

/** Waits (up to `ms`) until the device received at least `count` pushes; answers them. */
export async function waitForPushes(device: string, count: number, ms = 5_000): Promise<ReceivedPush[]> {
  const until = Date.now() + ms;
  for (;;) {
    const received = await pushesTo(device);
    if (received.length >= count || Date.now() > until) return received;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function emailsTo(address: string): Promise<CapturedEmail[]> {
  const res = await fetch(`${CAPTURE}/messages?to=${encodeURIComponent(address)}`);
  return ((await res.json()) as { messages: CapturedEmail[] }).messages;
}

/** An instant far from the present (and from other files' clocks), so no other test's flag is due at it. */
export function pastEpoch(yearsBack: number): number {
  return Date.UTC(new Date().getUTCFullYear() - yearsBack, 2, 3, 9, 0, 0) + Math.floor(Math.random() * 86_400_000);
}

export const MINUTE = 60_000;
