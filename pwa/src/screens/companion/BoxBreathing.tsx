import { useEffect, useState } from "preact/hooks";

const PHASES = ["Breathe in", "Hold", "Breathe out", "Hold"] as const;
const SECONDS = 4;

/**
 * Box breathing: in, hold, out, hold, four seconds each. The square grows and shrinks with the
 * breath; with reduced motion it stays still and only the words and the count change.
 */
export function BoxBreathing() {
  const [running, setRunning] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setTick((t) => t + 1), 1000);
    return () => clearInterval(timer);
  }, [running]);

  const phase = PHASES[Math.floor(tick / SECONDS) % PHASES.length] ?? "Breathe in";
  const count = SECONDS - (tick % SECONDS);
  const rounds = Math.floor(tick / (SECONDS * PHASES.length));
  return (
    <section class="card" aria-labelledby="breathing-title">
      <h3 id="breathing-title">Box breathing</h3>
      <p>Four seconds in, four holding, four out, four holding. A few rounds can settle a racing body.</p>
      <div
        class={`breath-box ${running ? `phase-${Math.floor(tick / SECONDS) % PHASES.length}` : ""}`}
        aria-hidden="true"
      />
      <p class="breath-phase" aria-live="polite" data-testid="breath-phase">
        {running ? `${phase}… ${count}` : "Ready when you are."}
      </p>
      {running && rounds > 0 ? (
        <p class="muted">
          {rounds} round{rounds === 1 ? "" : "s"} done
        </p>
      ) : null}
      <button
        type="button"
        onClick={() => {
          setTick(0);
          setRunning(!running);
        }}
      >
        {running ? "Stop breathing exercise" : "Start breathing exercise"}
      </button>
    </section>
  );
}
