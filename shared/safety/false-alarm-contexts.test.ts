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

describe("a past time said as 'back when', 'years back', 'in my fifties' (2026-12-06, evening)", () => {
  it("reads the cue in that sentence as past", () => {
    below("Years back I was in a bad way and wanted to die. Now I've got my grandson and my allotment.");
    below("There was a time I didn't want to live. That was a long time ago, therapy worked.");
    below("I remember when I didn't want to be alive. So glad I held on.");
    below("I felt life wasn't worth living in my forties. The right tablets and a good GP changed that.");
    below("Back when I was inside I tried to end it. Out six years now and life's decent.");
    below("In the nineties I went through a dark time and considered ending things. I'm glad I didn't.");
  });

  it("is undone when the message says it is back, or names a recent time", () => {
    medium("there was a time I wanted to die and it is back");
    medium("Years back I cut myself. I did it again last night.");
    medium("Back when I was at school I self harmed, and the urges are creeping back");
    high("Years back I overdosed. I took them all again last night.");
    high("there was a time last night when I wanted to die");
    medium("In my fifties I was suicidal and I still am");
    medium("I relapsed, years back I self harmed and now I've done it again");
  });

  it("never reads a cue said in the present as past, whatever time the sentence names", () => {
    high("years ago I was happy but now I want to die");
    high("I remember when I was happy, now I want to die");
    high("back when I had a job I was fine, now I want to end my life");
    high("I miss the old me, I want to kill myself");
    medium("the old me is gone and I cut myself");
    high("I keep thinking about the time I tried to end my life and I want to die");
    medium("In my twenties I was fine, I am suicidal");
  });

  it("reads a story of the past, the old me and old scars as past", () => {
    below("I told the group about the time I tried to end my life. I'm doing well and it helps the newer ones.");
    // Without a recovery said now, an attempt told as a story stays a past attempt: a risk factor.
    medium("I told the group about the time I tried to end my life.");
    below("the old me would have hurt myself over this. the new me went for a run");
    below("Got a tattoo over my old self-harm scars, a sunflower");
  });

  it("reads 'never again' as the past staying past, not a return", () => {
    expect(assessRisk("Years ago I tried to kill myself and I never will again").level).toBe("medium");
    expect(assessRisk("years ago I tried to kill myself. I want to again.").level).toBe("high");
  });
});

describe("a sport or pastime in the sentence (2026-12-06, evening)", () => {
  it("explains a jump, a swim, a rope or an edge", () => {
    below("Bungee jumping off a bridge in Queenstown next week!!");
    below("standing on the edge of the 10m diving board, first time ever, wish me luck");
    below("Went wild swimming in the lake at dawn, freezing but glorious");
    below("Bought a rope today for the tyre swing on the old oak");
    below("got the rope and the harness sorted for lead climbing on Saturday");
  });

  it("leaves a wish, a plan, a goodbye, a finality or real life alone", () => {
    high("I'm going to jump off the 10m board and never come up");
    high("bought a rope for the tyre swing. going to hang myself from the oak tonight");
    medium("went wild swimming and honestly I wish I was dead");
    high("no bungee cord, in real life: I am going to jump off the bridge tonight");
    high("Went swimming this morning and tried to drown myself");
    high("I'm going to kill myself after the bungee jump tomorrow");
    high("sea swim done, now walking into the sea");
    high("cold water swim at the lake, then I am standing on the bridge");
  });
});

describe("a battery about to die, cutting down on something (2026-12-06, evening)", () => {
  it("reads them as the everyday phrases they are", () => {
    below("phone's on 2% and about to die, talk later");
    below("battery's at 1 so about to die");
    below("trying to cut down on sugar this month");
  });

  it("leaves the writer's own death and a cut alone", () => {
    high("my phone is on 3% and I'm about to die");
    high("I'm about to die, phone on 1%");
    high("I cut down my arm last night");
  });

  it("reads 'no, nothing like' as a denial, and a jump start as the car's", () => {
    below("I've been low since the move but no, nothing like wanting to die");
    below("had to jump start the car in the garage, battery flat again");
    below("Bought rope to tie the tarp down over the woodpile");
    high("had to jump start the car. tonight I'm going to sit in the car with the engine running in the garage");
    high("bought rope for the tent. I'm going to hang myself from the tree tonight");
  });
});

describe("gone, never crossed my mind, not on the table (2026-12-06, late)", () => {
  it("reads the cue as denied or over", () => {
    below("the urges to hurt myself have pretty much gone since the new meds");
    below("my suicidal thoughts have been gone for a year now");
    below("those suicidal thoughts are long gone");
    below("low, yes, but killing myself has never once crossed my mind");
    below("Tough month. Ending my life is not on the table.");
    below("ending my life is not something I would ever consider");
    below("I'm not having any thoughts of harming myself, just stressed");
    below("feeling grim but not in a hurt myself way");
  });

  it("leaves a return, a double negative and a softer phrase alone", () => {
    high("the urges to cut had pretty much gone but tonight they are back");
    high("the suicidal thoughts had gone but now they are back");
    medium("killing myself is not something I have ruled out");
    high("not a day goes by that I don't want to die");
    medium("Not a day goes by where I do not think about killing myself");
    medium("I am not in a good place and I want to hurt myself");
  });
});
