import type { Instrument } from "../../../shared/domain/assessments";
import type { CssrsItem } from "../../../shared/domain/cssrs";

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

/** One question of the C-SSRS screener: its wording, and the screener's own note where it has one. */
export interface ScreenerQuestion {
  text: string;
  note?: string;
}

/**
 * The C-SSRS screener (Columbia Suicide Severity Rating Scale, Screen Version, "Recent"), in the
 * Columbia Lighthouse Project's public wording, asked of oneself: questions 1–5 about the past
 * month, question 6 over one's life with its 3-month follow-up. Which questions show, and the
 * triage, come from shared/domain/cssrs.ts.
 */
export const SCREENER = {
  title: "Safety check (C-SSRS)",
  topic: "thoughts of suicide",
  stem: "The first questions are about the past month; the last one asks about any time in your life. Please answer yes or no.",
  questions: {
    wishToBeDead: { text: "Have you wished you were dead or wished you could go to sleep and not wake up?" },
    suicidalThoughts: { text: "Have you actually had any thoughts of killing yourself?" },
    method: {
      text: "Have you been thinking about how you might do this?",
      note: "For example: “I thought about taking an overdose but I never made a specific plan as to when, where or how I would actually do it… and I would never go through with it.”",
    },
    intent: {
      text: "Have you had these thoughts and had some intention of acting on them?",
      note: "As opposed to: “I have the thoughts but I definitely will not do anything about them.”",
    },
    plan: {
      text: "Have you started to work out or worked out the details of how to kill yourself? Do you intend to carry out this plan?",
    },
    behaviour: {
      text: "Have you ever done anything, started to do anything, or prepared to do anything to end your life?",
      note: "For example: collected pills, obtained a gun, gave away valuables, wrote a will or suicide note, took out pills but didn't swallow any, held a gun but changed your mind or it was grabbed from your hand, went to the roof but didn't jump; or actually took pills, tried to shoot yourself, cut yourself, tried to hang yourself, etc.",
    },
    behaviourWithin3Months: { text: "Was this within the past 3 months?" },
  } satisfies Readonly<Record<CssrsItem, ScreenerQuestion>>,
} as const;
