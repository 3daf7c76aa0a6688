import { useEffect, useRef, useState } from "preact/hooks";
import { CSSRS, type CssrsAnswers, type CssrsItem, cssrsAsked, triageCssrs } from "../../../shared/domain/cssrs";
import { clock } from "../data/sync";
import { write } from "../data/write";
import { SCREENER, type ScreenerQuestion } from "./questionnaires";
import type { ScreenProps } from "./types";

/**
 * The C-SSRS screener as a form that follows its skip logic as the patient answers: questions 3–5
 * appear only after a yes to question 2, and "within the past 3 months?" only after a yes to
 * question 6; an answer to a question that disappears is dropped, so what is sent is exactly
 * what was asked. Triaged on the device with the shared rule (the server triages again and
 * decides), and written through the outbox, so it works offline like the other check-ins.
 */
export function CssrsForm({
  onWrite,
  onCancel,
  onDone,
}: ScreenProps & { onCancel: () => void; onDone: (submitted: { id: string; opId: string }) => void }) {
  const [answers, setAnswers] = useState<Partial<CssrsAnswers>>({});
  const [error, setError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const asked = cssrsAsked(answers);

  useEffect(() => heading.current?.focus(), []);

  function choose(item: CssrsItem, value: boolean) {
    const next: Partial<CssrsAnswers> = { ...answers, [item]: value };
    const stillAsked = cssrsAsked(next);
    for (const key of Object.keys(next) as CssrsItem[]) if (!stillAsked.includes(key)) delete next[key];
    setAnswers(next);
    // Once every question shown has an answer, the reminder to answer them all has done its job.
    if (stillAsked.every((asked) => next[asked] !== undefined)) setError(null);
  }

  async function submit(event: Event) {
    event.preventDefault();
    setTried(true);
    const missing = asked.filter((item) => answers[item] === undefined);
    if (missing.length > 0) {
      setError("Please answer every question shown, yes or no.");
      document.getElementById(`cssrs-${missing[0]}-yes`)?.focus();
      return;
    }
    const given = answers as CssrsAnswers;
    const triage = triageCssrs(given);
    if ("error" in triage) {
      setError("These answers do not fit this check. Please check them and try again.");
      return;
    }
    const id = crypto.randomUUID();
    const at = new Date(clock.now()).toISOString();
    const opId = await write(
      "assessment.submit",
      { id, instrument: CSSRS, answers: given },
      {
        entity: "assessment",
        id,
        data: { id, instrument: CSSRS, answers: given, level: triage.level, category: triage.category, at },
      },
    );
    onDone({ id, opId });
    onWrite();
  }

  return (
    <section class="card questionnaire" aria-labelledby="questionnaire-title" data-testid="cssrs-form">
      <h3 id="questionnaire-title" ref={heading} tabIndex={-1}>
        {SCREENER.title}
      </h3>
      <p>
        Some of these questions are hard to read, and it takes courage to answer them. Your answers go to your care team
        so they can support you. {SCREENER.stem}
      </p>
      <form onSubmit={submit} noValidate>
        {asked.map((item, i) => {
          const question: ScreenerQuestion = SCREENER.questions[item];
          const unanswered = tried && answers[item] === undefined;
          return (
            <fieldset
              key={item}
              class={unanswered ? "item unanswered" : "item"}
              data-testid={`cssrs-${item}`}
              aria-describedby={
                [question.note ? `cssrs-${item}-note` : "", unanswered ? `cssrs-${item}-missing` : ""]
                  .filter(Boolean)
                  .join(" ") || undefined
              }
            >
              <legend>
                {i + 1}. {question.text}
              </legend>
              {question.note ? (
                <p class="muted note" id={`cssrs-${item}-note`}>
                  {question.note}
                </p>
              ) : null}
              {unanswered ? (
                <p class="refused" id={`cssrs-${item}-missing`}>
                  Please choose yes or no.
                </p>
              ) : null}
              <div class="choices yes-no">
                {([true, false] as const).map((value) => (
                  <label key={String(value)}>
                    <input
                      type="radio"
                      id={`cssrs-${item}-${value ? "yes" : "no"}`}
                      name={`cssrs-${item}`}
                      checked={answers[item] === value}
                      required
                      onChange={() => choose(item, value)}
                    />
                    {value ? "Yes" : "No"}
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
        {error ? (
          <p class="refused" role="alert" data-testid="questionnaire-error">
            {error}
          </p>
        ) : null}
        <div class="actions">
          <button type="submit">Save my answers</button>
          <button type="button" class="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
      <p class="muted">If you need help now, the numbers are under Crisis help, even offline.</p>
    </section>
  );
}
