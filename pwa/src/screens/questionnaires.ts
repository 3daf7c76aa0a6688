import type { Instrument } from "../../../shared/domain/assessments";

/**
 * The wording of PHQ-9 (Kroenke, Spitzer & Williams) and GAD-7 (Spitzer et al.), both in the
 * public domain, as published: the same stem, items and answer scale a clinician would use, so a
 * score here means what it means anywhere else. Scoring lives in shared/domain/assessments.ts.
 */
export interface Questionnaire {
  /** What it is about, in plain words, for choosing one. */
  topic: string;
  stem: string;
  items: readonly string[];
}

/** The answer scale of both questionnaires; the index is the answer's value (0..3). */
export const ANSWERS = ["Not at all", "Several days", "More than half the days", "Nearly every day"] as const;

export const QUESTIONNAIRES: Readonly<Record<Instrument, Questionnaire>> = {
  "PHQ-9": {
    topic: "mood",
    stem: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    items: [
      "Little interest or pleasure in doing things",
      "Feeling down, depressed, or hopeless",
      "Trouble falling or staying asleep, or sleeping too much",
      "Feeling tired or having little energy",
      "Poor appetite or overeating",
      "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
      "Trouble concentrating on things, such as reading the newspaper or watching television",
      "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
      "Thoughts that you would be better off dead or of hurting yourself in some way",
    ],
  },
  "GAD-7": {
    topic: "anxiety",
    stem: "Over the last 2 weeks, how often have you been bothered by the following problems?",
    items: [
      "Feeling nervous, anxious or on edge",
      "Not being able to stop or control worrying",
      "Worrying too much about different things",
      "Trouble relaxing",
      "Being so restless that it is hard to sit still",
      "Becoming easily annoyed or irritable",
      "Feeling afraid as if something awful might happen",
    ],
  },
};
