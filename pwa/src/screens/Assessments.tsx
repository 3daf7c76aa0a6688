import { useEffect, useRef, useState } from "preact/hooks";
import {
  ASSESSMENT_WINDOW_MS,
  assessmentAllowed,
  INSTRUMENTS,
  type Instrument,
  ITEM_COUNT,
  scoreAssessment,
} from "../../../shared/domain/assessments";
import { CSSRS } from "../../../shared/domain/cssrs";
import { crisisResourcesFor } from "../../../shared/domain/risk";
import type { PublicUser } from "../../../shared/schemas/auth";
import { accepted, type Local, useEntities } from "../data/entities";
import { useOpStatus } from "../data/op-status";
import { clock } from "../data/sync";
import type { AssessmentView } from "../data/types";
import { write } from "../data/write";
import { CrisisResourceList } from "../ui/CrisisResourceList";
import { friendlyDateTime } from "../ui/dates";
import { FlagStatus } from "../ui/FlagStatus";
import { Link } from "../ui/Link";
import { CssrsForm } from "./CssrsForm";
import { ANSWERS, QUESTIONNAIRES, SCREENER } from "./questionnaires";
import type { ScreenProps } from "./types";
import "./assessments.css";

type Assessment = Local<AssessmentView>;
/** A PHQ-9 or GAD-7, with a total and a band. */
type ScoredView = Exclude<AssessmentView, { instrument: typeof CSSRS }>;

/**
 * Check-ins that matter clinically: PHQ-9 and GAD-7, scored on the device at once (the server
 * scores them again and decides), limited to two of each per 14 days, and the C-SSRS safety
 * check (never limited), with their history. A "yes" on PHQ-9 item 9, or a safety check that
 * raises a flag, shows crisis help at once, offline too, and says plainly that the care team will
 * be told, and whether that has happened yet or waits for the next sync.
 */
export default function Assessments(props: ScreenProps) {
  const { user } = props;
  const all = useEntities<AssessmentView>("assessment").sort((a, b) => b.at.localeCompare(a.at));
  const [active, setActive] = useState<Instrument | typeof CSSRS | null>(null);
  const [submitted, setSubmitted] = useState<{ id: string; opId: string } | null>(null);
  const resultId = submitted?.id ?? null;
  const result = resultId ? (all.find((a) => a.id === resultId) ?? null) : null;
  // A flag written earlier (before a reload, say) that has not reached the care team yet.
  const waiting = all.filter((a) => a.pending && a.id !== resultId && riskPositive(a));

  return (
    <>
      <h2 id="screen-title" tabIndex={-1} data-testid="screen-title">
        Check-ins
      </h2>
      <section class="card" aria-labelledby="check-ins-about">
        <h3 id="check-ins-about">How have the last two weeks been?</h3>
        <p>
          These are two short questionnaires used in healthcare: PHQ-9 about mood and GAD-7 about anxiety. There are no
          right or wrong answers. Your scores help you and your care team notice how things change over time; they are
          not a diagnosis.
        </p>
        <p>
          There is also a short safety check with yes or no questions about thoughts of suicide. You can take it
          whenever you like, and your care team sees your answers so they can support you.
        </p>
      </section>
      {result ? <Result user={user} assessment={result} opId={submitted?.opId ?? null} /> : null}
      {waiting.length > 0 ? (
        <section class="card" aria-labelledby="waiting-title">
          <h3 id="waiting-title">Waiting to reach your care team</h3>
          <SafetyNow user={user} assessment={waiting[0] as Assessment} />
        </section>
      ) : null}
      {active === CSSRS ? (
        <CssrsForm
          {...props}
          onCancel={() => setActive(null)}
          onDone={(done) => {
            setActive(null);
            setSubmitted(done);
          }}
        />
      ) : active ? (
        <QuestionnaireForm
          {...props}
          instrument={active}
          taken={accepted(all)}
          onCancel={() => setActive(null)}
          onDone={(done) => {
            setActive(null);
            setSubmitted(done);
          }}
        />
      ) : (
        <Choose
          user={user}
          taken={accepted(all)}
          onStart={(instrument) => {
            setSubmitted(null);
            setActive(instrument);
          }}
        />
      )}
      <History user={user} items={all} />
    </>
  );
}

/** Whether a check-in raised a flag for the care team: PHQ-9 item 9, or a safety check with a triage. */
function riskPositive(a: AssessmentView): boolean {
  if (a.instrument === CSSRS) return a.level !== null;
  const scored = scoreAssessment(a.instrument, a.answers);
  return !("error" in scored) && scored.riskItemPositive;
}

function scoredOnly<T extends AssessmentView>(items: readonly T[]): Extract<T, ScoredView>[] {
  return items.filter((a): a is Extract<T, ScoredView> => a.instrument !== CSSRS);
}

function maxScore(instrument: Instrument): number {
  return ITEM_COUNT[instrument] * 3;
}

function timesOf(taken: readonly AssessmentView[], instrument: Instrument): number[] {
  return scoredOnly(taken)
    .filter((a) => a.instrument === instrument)
    .map((a) => Date.parse(a.at));
}

/**
 * When the next questionnaire of an instrument may be taken: now (null), or the first moment one
 * of the earlier ones leaves its 14-day window and the shared rule allows it again.
 */
function nextAllowedAt(times: readonly number[], now: number): number | null {
  if (assessmentAllowed(times, now)) return null;
  const candidates = times
    .map((at) => at + ASSESSMENT_WINDOW_MS)
    .filter((at) => at > now)
    .sort((a, b) => a - b);
  return candidates.find((at) => assessmentAllowed(times, at)) ?? candidates.at(-1) ?? null;
}

function Choose({
  user,
  taken,
  onStart,
}: {
  user: PublicUser;
  taken: readonly AssessmentView[];
  onStart: (instrument: Instrument | typeof CSSRS) => void;
}) {
  const now = clock.now();
  return (
    <section class="card" aria-labelledby="choose-title">
      <h3 id="choose-title">Take a check-in</h3>
      <p class="muted">
        Each takes about two minutes. You can take PHQ-9 and GAD-7 up to twice in 14 days, and the safety check whenever
        you like.
      </p>
      <ul class="rows">
        {INSTRUMENTS.map((instrument) => {
          const next = nextAllowedAt(timesOf(taken, instrument), now);
          return (
            <li key={instrument} data-testid={`start-${instrument}`}>
              <span class="grow">
                <strong>{instrument}</strong> — {QUESTIONNAIRES[instrument].topic}, {ITEM_COUNT[instrument]} questions
                <br />
                <span class="muted">
                  {next === null
                    ? "You can take this now."
                    : `You've taken this twice in the last 14 days. The next one is possible from ${friendlyDateTime(new Date(next).toISOString(), user.timezone)}.`}
                </span>
              </span>
              <button type="button" disabled={next !== null} onClick={() => onStart(instrument)}>
                Start {instrument}
              </button>
            </li>
          );
        })}
        <li data-testid={`start-${CSSRS}`}>
          <span class="grow">
            <strong>{SCREENER.title}</strong> — {SCREENER.topic}, up to 7 yes or no questions
            <br />
            <span class="muted">You can take this any time.</span>
          </span>
          <button type="button" onClick={() => onStart(CSSRS)}>
            Start safety check
          </button>
        </li>
      </ul>
    </section>
  );
}

function QuestionnaireForm({
  onWrite,
  instrument,
  taken,
  onCancel,
  onDone,
}: ScreenProps & {
  instrument: Instrument;
  taken: readonly AssessmentView[];
  onCancel: () => void;
  onDone: (submitted: { id: string; opId: string }) => void;
}) {
  const questionnaire = QUESTIONNAIRES[instrument];
  const [answers, setAnswers] = useState<(number | undefined)[]>(() => questionnaire.items.map(() => undefined));
  const [error, setError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const base = instrument.toLowerCase().replace(/[^a-z0-9]/g, "");

  useEffect(() => heading.current?.focus(), []);

  function choose(index: number, value: number) {
    setAnswers((prev) => prev.map((a, i) => (i === index ? value : a)));
  }

  async function submit(event: Event) {
    event.preventDefault();
    setTried(true);
    const missing = answers.flatMap((a, i) => (a === undefined ? [i + 1] : []));
    if (missing.length > 0) {
      setError(
        missing.length === 1
          ? `Please answer question ${missing[0]} — every question needs an answer, even if it is "Not at all".`
          : `Please answer questions ${missing.join(", ")} — every question needs an answer, even if it is "Not at all".`,
      );
      document.getElementById(`${base}-q${missing[0]}-0`)?.focus();
      return;
    }
    const given = answers as number[];
    const scored = scoreAssessment(instrument, given);
    if ("error" in scored) {
      setError("These answers do not fit this questionnaire. Please check them and try again.");
      return;
    }
    if (!assessmentAllowed(timesOf(taken, instrument), clock.now())) {
      setError(`You've already taken ${instrument} twice in the last 14 days.`);
      return;
    }
    const id = crypto.randomUUID();
    const at = new Date(clock.now()).toISOString();
    const opId = await write(
      "assessment.submit",
      { id, instrument, answers: given },
      {
        entity: "assessment",
        id,
        data: { id, instrument, answers: given, score: scored.score, severity: scored.severity, at },
      },
    );
    onDone({ id, opId });
    onWrite();
  }

  return (
    <section class="card questionnaire" aria-labelledby="questionnaire-title">
      <h3 id="questionnaire-title" ref={heading} tabIndex={-1}>
        {instrument}: {questionnaire.topic}
      </h3>
      <p>{questionnaire.stem}</p>
      <form onSubmit={submit} noValidate>
        {questionnaire.items.map((item, i) => {
          const number = i + 1;
          const unanswered = tried && answers[i] === undefined;
          return (
            <fieldset
              key={item}
              class={unanswered ? "item unanswered" : "item"}
              aria-describedby={unanswered ? `${base}-q${number}-missing` : undefined}
            >
              <legend>
                {number}. {item}
              </legend>
              {unanswered ? (
                <p class="refused" id={`${base}-q${number}-missing`}>
                  Please choose an answer.
                </p>
              ) : null}
              <div class="choices">
                {ANSWERS.map((label, value) => (
                  <label key={label}>
                    <input
                      type="radio"
                      id={`${base}-q${number}-${value}`}
                      name={`${base}-q${number}`}
                      value={value}
                      checked={answers[i] === value}
                      required
                      onChange={() => choose(i, value)}
                    />
                    {label}
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
          <button type="submit">See my score</button>
          <button type="button" class="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
      <p class="muted">Your score shows here straight away, even offline.</p>
    </section>
  );
}

function Result({ user, assessment, opId }: { user: PublicUser; assessment: Assessment; opId: string | null }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [assessment.id]);
  if (assessment.instrument === CSSRS) {
    return (
      <section class="card result" aria-labelledby="result-title" data-testid="assessment-result">
        <h3 id="result-title" ref={heading} tabIndex={-1}>
          Your safety check
        </h3>
        <p data-testid="result-saved">
          Thank you for answering these questions. We know they are not easy.
          {assessment.pending ? <span class="pending"> · waiting to sync</span> : null}
          {assessment.rejected ? <span class="refused"> · not saved: {assessment.rejected.message}</span> : null}
        </p>
        {riskPositive(assessment) ? (
          <SafetyNow user={user} assessment={assessment} opId={opId} />
        ) : (
          <p>
            You answered no to every question. If that changes, you can take this check again at any time, and crisis
            help is always one tap away under <Link href="/crisis">Crisis help</Link>.
          </p>
        )}
      </section>
    );
  }
  return (
    <section class="card result" aria-labelledby="result-title" data-testid="assessment-result">
      <h3 id="result-title" ref={heading} tabIndex={-1}>
        Your {assessment.instrument} result
      </h3>
      <p class="score" data-testid="result-score">
        <strong>
          {assessment.score} out of {maxScore(assessment.instrument)}
        </strong>{" "}
        — <span data-testid="result-band">{assessment.severity}</span>
        {assessment.pending ? <span class="pending"> · waiting to sync</span> : null}
        {assessment.rejected ? <span class="refused"> · not saved: {assessment.rejected.message}</span> : null}
      </p>
      <p>
        Thank you for taking a moment for this. This score is a snapshot of the last two weeks, not a diagnosis. Your
        care team can see your scores and can talk them through with you.
      </p>
      {riskPositive(assessment) ? <SafetyNow user={user} assessment={assessment} opId={opId} /> : null}
    </section>
  );
}

/**
 * Crisis help for a "yes" on PHQ-9 item 9, or a safety check that raised a flag: from the device
 * alone, with where the flag stands — from its operation (pending, delivered, refused, with the
 * time) when it was written here this visit, or from the check-in's own sync state when it was
 * written before.
 */
function SafetyNow({
  user,
  assessment,
  opId = null,
}: {
  user: PublicUser;
  assessment: Assessment;
  opId?: string | null;
}) {
  const status = useOpStatus(opId);
  return (
    <div class="safety-now" data-testid="assessment-crisis">
      {assessment.instrument === CSSRS && assessment.level === "high" ? (
        <>
          <p>
            <strong>What you have told us means you deserve support right now.</strong> Thank you for being honest. You
            don't have to face this alone, and you don't have to wait until things get worse.
          </p>
          <p>Please contact one of these now, or ask someone you trust to stay with you while you do:</p>
        </>
      ) : (
        <>
          <p>
            <strong>
              {assessment.instrument === CSSRS
                ? "You said you have had thoughts of death or of ending your life."
                : "You said you have had thoughts of being better off dead or of hurting yourself."}
            </strong>{" "}
            Thank you for being honest. Thoughts like these can be frightening, and you don't have to face them alone.
          </p>
          <p>If you might act on them, or you feel in danger, please contact one of these now:</p>
        </>
      )}
      <CrisisResourceList resources={crisisResourcesFor(user.timezone)} />
      <p>
        <Link href="/crisis">More crisis help</Link> · <Link href="/safety-plan">Open your safety plan</Link>
      </p>
      <div class="care-team" data-testid="care-team-note">
        {status ? (
          <FlagStatus status={status} kind="check-in" timeZone={user.timezone} />
        ) : (
          <p>
            {assessment.rejected
              ? `This check-in was not saved (${assessment.rejected.message}), so your care team has not been told through it. If you would like them to know, you can tell them directly.`
              : assessment.pending
                ? "Your care team will be told about this answer so they can check in with you. Pending: it is saved on this device and will reach them at the next sync."
                : "Your care team can see this answer, so they can check in with you."}
          </p>
        )}
      </div>
    </div>
  );
}

function History({ user, items }: { user: PublicUser; items: Assessment[] }) {
  return (
    <section class="card" aria-labelledby="history-title">
      <h3 id="history-title">Your past check-ins</h3>
      {items.length === 0 ? (
        <p>None yet. Your scores will show here, newest first.</p>
      ) : (
        <ul class="rows" data-testid="assessment-history">
          {items.map((a) => (
            <li key={a.id}>
              <span class="grow">
                {friendlyDateTime(a.at, user.timezone)} — <strong>{a.instrument}</strong>{" "}
                {a.instrument === CSSRS
                  ? a.level === null
                    ? "safety check, no to every question"
                    : "safety check, shared with your care team"
                  : `${a.score} out of ${maxScore(a.instrument)}, ${a.severity}`}
                {a.pending ? <span class="pending"> · waiting to sync</span> : null}
                {a.rejected ? <span class="refused"> · not saved: {a.rejected.message}</span> : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
