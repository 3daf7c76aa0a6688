import { useState } from "preact/hooks";

const STEPS = [
  { count: 5, sense: "things you can see" },
  { count: 4, sense: "things you can touch" },
  { count: 3, sense: "things you can hear" },
  { count: 2, sense: "things you can smell" },
  { count: 1, sense: "thing you can taste" },
] as const;

/** 5-4-3-2-1 grounding: one sense at a time, nothing stored (it is for the moment, not a record). */
export function Grounding() {
  const [step, setStep] = useState<number | null>(null);
  // null: not started; STEPS.length: finished.
  const at = step ?? 0;
  const current = step === null ? null : STEPS[step];
  return (
    <section class="card" aria-labelledby="grounding-title">
      <h3 id="grounding-title">5-4-3-2-1 grounding</h3>
      {current === null || current === undefined ? (
        <>
          <p>
            {step === null
              ? "Notice the room around you, one sense at a time. It helps when thoughts are loud."
              : "Well done. You brought yourself back to here and now."}
          </p>
          <button type="button" onClick={() => setStep(0)}>
            {step === null ? "Start grounding" : "Start again"}
          </button>
        </>
      ) : (
        <>
          <p class="grounding-step" aria-live="polite" data-testid="grounding-step">
            Name {current.count} {current.sense}.
          </p>
          <p class="muted">
            Step {at + 1} of {STEPS.length}. Say them out loud or in your head; take your time.
          </p>
          <div class="actions">
            {at > 0 ? (
              <button type="button" class="secondary" onClick={() => setStep(at - 1)}>
                Back
              </button>
            ) : null}
            <button type="button" onClick={() => setStep(at + 1)}>
              {at + 1 < STEPS.length ? "Next" : "Finish"}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
