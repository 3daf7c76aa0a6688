import { describe, expect, it } from "vitest";
import { assessRisk, type RiskLevel } from "./crisis-risk";

/**
 * The false-alarm contexts of 2026-12-06 (`context-lexicon.ts`: question, recovered, recent,
 * everyday, game, joke, hyperbole; `match-context.ts`, `crisis-risk.ts`): each lowers a benign
 * message below medium, and each has risk messages beside it, written for these tests, that it must
 * leave alone. A guard that lowered one of those would be a crisis missed.
 */
const atLeastMedium = (level: RiskLevel) => level === "high" || level === "medium";
const below = (text: string) => expect(atLeastMedium(assessRisk(text).level), text).toBe(false);
const medium = (text: string) => expect(atLeastMedium(assessRisk(text).level), text).toBe(true);
const high = (text: string) => expect(assessRisk(text).level, text).toBe("high");

describe("a screener's question answered no", () => {
  it("denies the cue the question asked about", () => {
    below("my gp asked whether i'd had thoughts of ending my life and honestly no");
    below("The questionnaire asked if I want to be dead. No. Just worn out.");
    below("the nurse asked if i've been hurting myself, no i haven't");
    below("Depressed, yes. Suicidal, no.");
    below("Not having any thoughts of suicide, I'm just low.");
    below("zero suicidal thoughts this week, just tired");
  });

  it("leaves a yes, a lie, a 'no idea' and a later sentence alone", () => {
    medium("my gp asked whether i'd had thoughts of ending my life and i said yes");
    medium("the doctor asked if i was suicidal, no idea why i lied, i am");
    medium("the nurse asked if i've been hurting myself and i never told her the truth");
    medium("They asked if I wanted to die. No. I want to die more than anything.");
    high("you asked me if i was okay. i wasn't honest. i'm doing it in ten minutes");
    medium("i want to kill myself no matter what anyone says");
  });
});

describe("said of the past, beside a recovery said now", () => {
  it("reads the past as past", () => {
    below("I was suicidal all through my twenties. Therapy worked and I'm in a good place now.");
    below("i wanted to die when i was at school. so glad i stuck around");
    below("Ten years ago I tried to take my life. Life has been good since.");
    below("500 days self harm free today!!");
  });

  it("leaves a recent time, a return and a present wish alone", () => {
    high("I tried to kill myself last night. glad I survived I guess");
    medium("i was suicidal at 19 and i'm suicidal again now");
    medium("I'm doing well now but I want to die");
    medium("two years self harm free and I want to cut so badly");
    medium("Ten years ago I tried to take my life. I'm 30 now.");
  });
});

describe("an everyday reason for goodbyes and giving things away", () => {
  it("explains goodbyes and giving away beside a move, a last day or a retirement", () => {
    below("said goodbye to everyone at the office, moving to Leeds next week");
    below("giving away all my plants before the move, anyone want a cheese plant?");
    below("Last day at work after 20 years, said my goodbyes to everyone");
  });

  it("does not explain them beside means, distress or a move said of dying", () => {
    high("said goodbye to everyone. moving to a better place soon");
    high("giving away all my things before the move. i won't need them where i'm going");
    high("bought the rope today, the man asked if i was moving house");
    high("said goodbye to everyone at work, moving out, and I just want it all to end");
  });
});

describe("games and jokes", () => {
  it("reads a game's deaths and a joke about a meeting as figurative", () => {
    below("keep jumping off the cliff in the game to skip the climb");
    below("one more meeting and i'm walking into the sea lol");
    below("the wifi is down again, i'm going to jump out the window jk");
  });

  it("leaves real life, a joke denied and an unfunny trigger alone", () => {
    high("not in the game, in real life, i'm jumping off the bridge tonight");
    high("one more meeting and i'm walking into the sea. not joking.");
    high("im going to kill myself tonight lol");
  });
});

describe("clinical work and the news", () => {
  it("reads overdoses counted at work and in the news as the work's", () => {
    below("Three overdoses in resus before midnight. Long shift.");
    below("the news about overdose deaths in the city is awful");
  });

  it("leaves the writer's own overdoses alone", () => {
    medium("I've had three overdoses this year and I'm scared of the next one");
    high("i'm going to overdose tonight");
  });
});

describe("a reassurance is not a recovery", () => {
  it("keeps an act, and a wish followed only by 'i'm fine now', at their level", () => {
    high("I took all my pills. glad i survived, don't worry");
    medium("I wanted to kill myself but I'm okay now");
    medium("i was suicidal last month, doing well now");
  });
});

describe("guards that name no means and no idiom of honesty", () => {
  it("keeps a train, a bus or 'on the level' at their level, laughter or not", () => {
    high("the train is late again so i'm going to jump in front of the next one lol");
    high("the bus keeps coming past and i'm going to throw myself under it haha");
    high("i'm going to kill myself tonight, on the level");
  });
});
