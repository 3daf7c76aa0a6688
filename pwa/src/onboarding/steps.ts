/**
 * The first-run flow's steps (issue 19, item 6), in order, and moving between them. Every step can
 * be skipped ("Skip for now" ends the whole flow); Back goes to the step before, never before the first.
 */
export const STEPS = ["about", "crisis", "companion", "habit", "reminder"] as const;
export type Step = (typeof STEPS)[number];

/** "Step 2 of 5". */
export function progressLabel(step: Step): string {
  return `Step ${STEPS.indexOf(step) + 1} of ${STEPS.length}`;
}

/** The step after `step`, or null when it was the last (the flow is done). */
export function nextStep(step: Step): Step | null {
  return STEPS[STEPS.indexOf(step) + 1] ?? null;
}

/** The step before `step`, or null on the first (no Back there). */
export function previousStep(step: Step): Step | null {
  const i = STEPS.indexOf(step);
  return i > 0 ? (STEPS[i - 1] ?? null) : null;
}

/** "08:30" → 510 minutes after midnight; null for anything that is not a time of day. */
export function minuteOfDay(time: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}
