import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACUTE_CATEGORIES, type CssrsCategory } from "../domain/risk-flags";
import { CRISIS_DEV, DEV_CONVERSATIONS } from "./crisis-dev";
import { assessConversation, assessRisk, type RiskLevel } from "./crisis-risk";
import { assessModelReply } from "./model-reply";

const LEVELS: readonly RiskLevel[] = ["high", "medium", "low", "none"];
const atLeastMedium = (level: RiskLevel) => level === "high" || level === "medium";

/** Each C-SSRS category, with messages written for these tests (not taken from the corpora). */
const BY_CATEGORY: Record<CssrsCategory, readonly string[]> = {
  behaviour: [
    "i swallowed every tablet in the box twenty minutes ago",
    "tried to hang myself on sunday but the belt snapped",
    "I overdosed last night and didn't tell anyone",
  ],
  preparation: [
    "been stockpiling my sertraline for a month",
    "i've started giving away my belongings",
    "i wrote a goodbye letter to my parents",
  ],
  imminence: [
    "i'm going to do it tonight, i'm going to kill myself",
    "by the time you read this i'll be gone",
    "I'm on my way to the railway bridge and I can't do this anymore",
  ],
  plan: ["i have a plan to end my life next week", "i know exactly how i'll do it"],
  intent: ["i'm going to end my life", "i want to kill myself so badly", "honestly i'm ready to die"],
  method: [
    "i keep thinking about hanging myself",
    "i could just jump off the multi storey",
    "i want to take all my pills",
  ],
  "self-harm": ["i burnt myself with the iron on purpose", "the urge to cut is really bad today"],
  "suicidal-thoughts": ["i've been feeling suicidal for weeks", "i think about killing myself most days"],
  "wish-to-be-dead": ["i wish i would die in my sleep", "i don't want to be alive anymore"],
  hopelessness: ["my family would be better off without me", "there's no reason for me to live"],
};

describe("assessRisk by C-SSRS category", () => {
  for (const [category, texts] of Object.entries(BY_CATEGORY) as [CssrsCategory, readonly string[]][]) {
    const acute = ACUTE_CATEGORIES.has(category);
    it(`rates ${category} ${acute ? "high" : "medium at least"}`, () => {
      for (const text of texts) {
        const result = assessRisk(text);
        if (acute) {
          expect(result.level, text).toBe("high");
          expect(ACUTE_CATEGORIES.has(result.category as CssrsCategory), text).toBe(true);
        } else {
          expect(atLeastMedium(result.level), text).toBe(true);
          expect(result.category, text).not.toBeNull();
        }
      }
    });
  }

  it("reads indirect acute phrasings: doubts of staying safe, veiled farewells, methods compared, research", () => {
    for (const text of [
      "i can't promise i'll be safe tonight",
      "i won't be a burden much longer",
      "which is more painless, hanging or pills",
      "been checking how high the bridge is",
      "i'm going to do myself in",
      "i want to set myself on fire",
      "no one will find me till its too late",
      "this will be my last day",
      "pills swallowed. sorry",
      "i tried but the rope snapped",
      "woke up in hospital after i took the pills",
      "going to swallow the lot",
      "taking my life tonight",
      "i've decided to stop living",
      "i've got a way to end it and i'm going to use it",
      "i've written my funeral wishes",
      "i plan on not waking up tomorrow",
    ]) {
      expect(assessRisk(text).level, text).toBe("high");
    }
  });

  it("reads ambivalence about living, passive wishes and self-harm in other words as ideation", () => {
    for (const text of [
      "i'm not sure i want to live anymore",
      "i wish something would just take me",
      "i hate being alive",
      "i don't care if i live or die",
      "dying in my sleep would be nice",
      "i use a razor on my legs when it gets bad",
      "i keep thinking about cutting",
      "life has no meaning for me anymore",
      "i'll never be happy. what's the point.",
    ]) {
      expect(atLeastMedium(assessRisk(text).level), text).toBe(true);
    }
  });

  it("names the category matched, the most severe when there are several", () => {
    expect(assessRisk("i wish i was dead").category).toBe("wish-to-be-dead");
    expect(assessRisk("i wish i was dead. i've been saving my tablets").category).toBe("preparation");
    expect(assessRisk("i cut myself last night").category).toBe("self-harm");
    expect(assessRisk("i already took the whole bottle").category).toBe("behaviour");
  });

  it("lands the plain phrasings", () => {
    for (const text of ["I'm done with life", "death would be a relief", "I don't want to be here anymore"]) {
      expect(assessRisk(text).level, text).toBe("medium");
    }
    expect(assessRisk("everyone would be better off without me").category).toBe("hopelessness");
    expect(assessRisk("I feel like ending it")).toMatchObject({ level: "high", category: "intent" });
  });

  it("raises ideation with named means, a time, a place or a farewell", () => {
    expect(assessRisk("i want to disappear forever").level).toBe("medium");
    expect(assessRisk("i want to disappear forever and i have the paracetamol").level).toBe("high");
    expect(assessRisk("i feel suicidal").level).toBe("medium");
    expect(assessRisk("i feel suicidal tonight").category).toBe("imminence");
    expect(assessRisk("i can't do this anymore. i'm on the roof").category).toBe("imminence");
    expect(assessRisk("i can't do this anymore. goodbye").category).toBe("imminence");
  });

  it("keeps context alone below medium: a time, a place, means, a goodbye or a date", () => {
    for (const text of [
      "see you tonight",
      "i'm on the roof fixing the aerial",
      "i need more paracetamol for my back",
      "goodbye, see you next week",
      "we picked a date for the wedding",
      "i have a plan for revision tonight",
      "thanks for everything today, bye!",
      "i'm writing a will now that i own a house",
      "the plan is to go to the beach on saturday",
      "i bought a hose for the garden",
      "i'm not sure i'll make it to the party tonight",
      "i want to drown out the noise",
      "i'm ready to go home",
      "i have a plan for my revision and the means to do it",
      "i sat by the train tracks to watch the steam engines",
      "ugh i give up, what's the point of this homework",
      "i have cuts on my arms from the brambles",
      "i read that paracetamol overdose damages the liver",
      "took the whole box of chocolates lol",
      "took my whole prescription to the pharmacy",
      "i'm ending it all with a party",
      "i've decided to stop living for other people's approval",
      "i'm going to the other side of town tonight",
      "i plan on not waking up early tomorrow, lie in!",
      "it's too hard to keep going to the gym every day",
      "my therapist said self harm is a coping mechanism",
      "i scratched my arm on a nail",
    ]) {
      expect(atLeastMedium(assessRisk(text).level), text).toBe(false);
    }
  });
});

/** Other registers (slang, terse texts, implied first person), written for these tests, per frame. */
describe("assessRisk in other registers", () => {
  const high = (text: string) => expect(assessRisk(text).level, text).toBe("high");
  const medium = (text: string) => expect(atLeastMedium(assessRisk(text).level), text).toBe(true);
  const below = (text: string) => expect(atLeastMedium(assessRisk(text).level), text).toBe(false);

  it("reads slang and text-speak for suicide (ctb, wld, w/o, tbh, do meself in)", () => {
    high("gonna ctb this weekend");
    medium("been having ctb thoughts all week");
    medium("wld anyone even care if i was gone");
    medium("my flatmates wld be happier w/o me");
    high("might do meself in tbh");
  });

  it("reads recent behaviour said tersely: taken them, bleeding, woke up in A&E, aborted or interrupted", () => {
    high("i've already taken them all");
    high("took them just now, sorry");
    high("cut and bleeding loads, it won't stop");
    high("woke up in a&e this morning");
    high("couldn't go through with it on the bridge last night");
    high("a stranger talked me down off the ledge");
    high("I waded into the lake until a dog walker shouted");
  });

  it("reads a settled plan beside a time or intent, and means dwelt on or within reach", () => {
    high("the when and where are worked out. saturday");
    high("worked out the timing, nobody home till late");
    high("my plan is the quarry");
    high("there's a cable in the loft that would do it");
    high("the razor blades are in my drawer and i keep staring at them");
    high("the pills are in mum's cupboard and i know where she keeps the key");
  });

  it("reads preparation for after: notes for each person, passwords, debts, pets, whoever finds me", () => {
    high("letters written, one for my dad and one for my sister");
    high("left my passwords and bank details on the desk so it's easy for them after");
    high("been cleaning the flat so whoever finds me doesn't have to deal with a mess");
    high("collected all my meds from the chemist and I'm keeping them for when i'm ready");
    high("won't be needing any of my stuff, my brother can have it");
  });

  it("reads finality, farewells and imminence in few words", () => {
    high("can't face another day. it'll all be over in a few hours");
    high("tell them it wasn't their fault");
    high("by the canal. i'm ready");
    high("before i go for good: thanks for everything");
    high("heading up to the top of the car park, sorry to whoever finds me");
  });

  it("reads hopelessness and burden in other words", () => {
    medium("nothing's ever going to get better for me");
    medium("it's never going to get any better");
    medium("i've run out of reasons to stay alive");
    medium("everyone would have an easier life without me");
    medium("without me my parents would finally be free");
    medium("they'd get over it pretty fast if i was gone");
    medium("life is just pain");
    medium("don't know why i bother carrying on");
    medium("no light at the end of the tunnel for me");
  });

  it("reads passive wishes in other words", () => {
    medium("i keep praying i won't wake up");
    medium("wouldn't care at all if the bus crashed with me on it");
    medium("not fussed if i live or die");
    medium("i'd welcome a terminal diagnosis tbh, i think i'd be relieved");
    medium("how peaceful it would be to just not exist");
  });

  it("reads self-harm acts said without the words 'self harm'", () => {
    medium("been banging my head against the wall again");
    medium("my legs are covered in scars and fresh cuts");
    medium("held my hand under the hot tap on purpose");
    medium("scratched till i bled last night");
    medium("cutting again after a year clean");
    medium("relapsed last night. blade.");
  });

  it("keeps the everyday uses of the same words below medium", () => {
    below("i have zero plans to hurt myself");
    below("swimming in the lake with the kids, so cold");
    below("we took them to the park after school");
    below("my nose was bleeding a lot this morning");
    below("revising overdose management for my nursing exam");
    below("I was in hospital after an overdose in 2018, now I'm doing well");
    below("rehomed a rescue dog from the shelter, she's lovely");
    below("the plan is the cinema then pizza");
    below("bought rope for the climbing gym");
    below("thinking about using the blender on the weekend");
    below("one for mum and one for dad, christmas shopping done");
    below("i'm going to jump in the shower then head out");
    below("is suicide common in young men?");
    below("bye all, see you on thursday for the quiz");
    below("i want to hurt her feelings less, how do i say it");
  });

  it("reads newer slang and loose amounts: yeet, self delete, rope as a verb, the easy way out, a heap of meds, fixing to", () => {
    high("gonna yeet myself off the car park roof tonight");
    high("going to self delete tonight");
    high("i'm going to rope this weekend");
    high("taking the easy way out tonight");
    high("swallowed a heap of my tablets");
    high("fixing to kill myself");
    high("about to swallow the whole packet");
    high("i'll be at the cliff in 5 minutes");
    high("got a plan. it's happening tomorrow");
    medium("cba with life anymore");
    medium("i'm so over living");
    medium("carved into my leg last night");
  });

  it("reads questions about lethality, means at hand in the bath, making it stop for good, and sleeping without waking", () => {
    high("could someone die from 30 amitriptyline");
    high("would 40 paracetamol be enough");
    high("sitting in the bathroom with my blades");
    high("i'm going to make the pain stop forever");
    high("i'm going to fall asleep and never wake up, had the whole packet");
    high("can't hold on any more. i'm at the top of the multi storey");
    medium("every morning i wake up and wish i hadn't");
    medium("so shattered with living");
    medium("pray i get hit by a bus on the way to work");
    medium("i daydream about my own funeral");
  });

  it("reads more medicines, high places and methods by name", () => {
    high("going to take all my zopiclone tonight");
    high("i'm going to swallow my whole pregabalin prescription");
    high("gonna jump off the footbridge");
    high("i keep thinking about stepping out into oncoming traffic");
    high("the methadone is in the cupboard and i want to drink it all");
  });

  it("reads a question about oneself with a frequency, a double negative, hidden arms and sore wrists as ideation", () => {
    const ideation = (text: string, category: string) => {
      const result = assessRisk(text);
      expect(atLeastMedium(result.level), text).toBe(true);
      expect(result.category, text).toBe(category);
    };
    ideation("is it normal to think about suicide all the time?", "suicidal-thoughts");
    ideation("i'd be lying if i said i never thought about killing myself", "suicidal-thoughts");
    ideation("wearing long sleeves to hide my wrists again", "self-harm");
    ideation("my thighs are sore from what i did last night", "self-harm");
    below("is it normal to think about death sometimes?");
  });

  it("reads counts of boxes, what-happens-if questions, a survived attempt and terse farewells", () => {
    high("i've swallowed 3 packets of co-codamol");
    high("what would happen if i took 60 ibuprofen");
    high("overdosed but woke up. next time i'll take more");
    high("it's time. bye everyone");
    medium("i may as well be dead");
    medium("don't think i'd mind not waking up");
    medium("what's even the point of me being here");
  });

  it("keeps cars being fixed, medicine taken as prescribed, pools, big nights and eras ending below medium", () => {
    below("in the garage fixing the car, the engine won't start");
    below("just took my meds like the gp said");
    below("sat on the edge of the pool with my feet in");
    below("tonight's the night: the final!");
    below("end of an era for my old phone");
    below("my sister's having my dog while i'm abroad");
    below("shot myself in the foot in that meeting");
  });

  it("reads being better off not existing, everyone fine without me, a life worth nothing and whether it would matter", () => {
    medium("honestly i'd be happier not being around");
    medium("my family would be just fine without me");
    medium("living is too much and i can't cope anymore");
    medium("my life's not worth a thing");
    medium("would it even matter if i was gone");
  });

  it("keeps the loose frames' everyday uses below medium", () => {
    below("it'll all be over soon, one more exam then freedom");
    below("hiding my arms because of the sunburn");
    below("my arms are sore from what i did at the gym");
    below("by the canal, ready for a coffee");
    below("i'll be at the bridge in 10 minutes to meet you");
    below("bleeding loads after giving blood ha");
    below("this is it, exam results day!");
    below("i could die, i tripped over in front of my crush");
    below("on the edge of my seat watching the final");
    below("took a whole bottle of water on the hike");
    below("sorted who gets what for secret santa");
    below("i finished my notes for the exam, one for each module");
    below("it's never going to get better than this!");
    below("i'll be at the station in 10 mins");
    below("i'll be over in an hour with the cake");
    below("when i'm gone on holiday can you feed the cat");
    below("bleeding a lot after my wisdom tooth came out");
    below("tell her it wasn't her fault the milk spilled");
    below("i've done it! passed my driving test");
    below("deleted instagram for my mental health");
  });

  it("reads being on the tracks, a last 'love you all', 'why am i even alive' and hair pulled till it bled", () => {
    high("i'm lying on the railway line");
    high("i'm ready now. love you all");
    medium("why am i even still alive");
    medium("bit my nails till they bled on purpose");
  });
});

describe("assessRisk's guards", () => {
  it("reads a denial after the risk ('…i said never') and recovery ('clean from') as lowering it", () => {
    expect(atLeastMedium(assessRisk("they asked if i'd had suicidal thoughts, i said never").level)).toBe(false);
    expect(atLeastMedium(assessRisk("i've been clean from self harm for 3 years").level)).toBe(false);
  });

  it("lowers negated risk to low", () => {
    for (const text of [
      "i'm not suicidal",
      "i would never take an overdose",
      "i have no intention of hurting myself",
      "i don't want to die",
    ]) {
      expect(assessRisk(text), text).toMatchObject({ level: "low", category: null });
    }
  });

  it("lowers past and recovered risk", () => {
    for (const text of [
      "i used to self-harm, two years clean",
      "when i was 15 i wanted to die but i'm in a good place now",
      "years ago i tried to end my life, i'm doing well now",
    ]) {
      expect(atLeastMedium(assessRisk(text).level), text).toBe(false);
    }
  });

  it("lowers someone else's risk, a story, the news and a lesson", () => {
    for (const text of [
      "my cousin took an overdose last year",
      "in the book she hangs herself",
      "we had a lecture on self harm today",
      "how can i help a friend who wants to die?",
    ]) {
      expect(atLeastMedium(assessRisk(text).level), text).toBe(false);
    }
  });

  it("keeps idioms at none or low", () => {
    for (const text of [
      "I'd kill for a cup of tea",
      "this exam is killing me",
      "dying of laughter here",
      "my phone is dead",
      "I'm dead tired",
      "kill the lights please",
      "she looked drop-dead gorgeous",
      "i'm dying to go to that gig",
      "we absolutely killed it tonight",
      "my mum will kill me if i'm late",
      "i want to die my hair blue",
      "i'd rather die than wear that",
      "i'm overdosing on coffee today",
      "i'm on the roof terrace with friends tonight",
      "i wish i was dead cool like her",
      "i want to disappear to a beach for a week",
      "i'm tired of living in this flat",
      "i'm going to the bridge club tonight",
    ]) {
      expect(atLeastMedium(assessRisk(text).level), text).toBe(false);
    }
  });

  it("reads text disguised with invisible characters, look-alike letters and spaced letters", () => {
    for (const text of [
      "i want to k\u200bill my\u00adself",
      "i want to kіll myself", // Cyrillic і
      "i want to k.i.l.l myself",
      "im going to\u2060 end my l\u0456fe tonight",
    ]) {
      expect(assessRisk(text).level, text).toBe("high");
    }
  });
});

describe("assessConversation", () => {
  it("reads a message split over two turns as one", () => {
    expect(assessRisk("tonight's the night").level).not.toBe("medium");
    expect(assessConversation(["i've been saving up my pills", "tonight's the night"])).toMatchObject({
      level: "high",
      category: "preparation",
    });
    expect(assessConversation(["i feel so empty", "i'm standing on the bridge", "it's time"]).level).toBe("high");
  });

  it("does not let an earlier idiom taint a later turn, and reads a clarification of an idiom as one", () => {
    expect(assessConversation(["this exam is killing me", "what time is it tonight"]).level).toBe("none");
    expect(assessConversation(["i'm going to kill him", "my brother ate the last slice of cake lol"]).level).toBe(
      "none",
    );
    expect(assessConversation(["ugh i want to die", "of embarrassment, i tripped on stage"]).level).not.toBe("high");
    expect(atLeastMedium(assessConversation(["i cut myself", "shaving lol"]).level)).toBe(false);
  });

  it("reads a later turn that redefines the earlier risk word in a benign sense as that sense, and only then", () => {
    expect(
      atLeastMedium(assessConversation(["heading up to the roof", "the roof bar, it's dan's birthday"]).level),
    ).toBe(false);
    expect(
      atLeastMedium(
        assessConversation(["can't do this anymore, going to the bridge", "the bridge club, i mean"]).level,
      ),
    ).toBe(false);
    expect(assessConversation(["i'm going to jump off the bridge", "the bridge near my house i mean"]).level).toBe(
      "high",
    );
    expect(assessConversation(["i want to kill myself", "killing myself laughing at this lol"]).level).toBe("high");
  });

  it("joins a short fragment to the turn before it", () => {
    expect(assessConversation(["i want to kill", "myself"]).level).toBe("high");
    expect(assessConversation(["ive taken them", "all of them"]).category).toBe("behaviour");
    expect(assessConversation(["dead", "tired"]).level).toBe("none");
    expect(atLeastMedium(assessConversation(["i'm done", "with my exams!!"]).level)).toBe(false);
  });

  it("reads two weak signs of intent across turns, and a train-times question beside one", () => {
    expect(assessConversation(["oddly at peace this week", "cos i've decided. it'll be over soon"]).level).toBe("high");
    expect(
      assessConversation(["when does the next train pass through the crossing", "i'm not getting on it"]).level,
    ).toBe("high");
    expect(
      atLeastMedium(assessConversation(["what time does the last train go through town", "need to get home"]).level),
    ).toBe(false);
  });

  it("reads only the last three turns", () => {
    expect(assessConversation(["i want to kill myself", "ok", "thanks", "what's for tea"]).level).toBe("none");
  });

  it("is never lower than the last turn alone", () => {
    const turns = fc.constantFrom(
      "i want to die",
      "of laughter lol",
      "i'm fine",
      "i'm not suicidal",
      "i used to cut",
      "tonight",
      "i'd kill for a pizza",
      "i've got the tablets",
      "i mean at work",
    );
    fc.assert(
      fc.property(fc.array(turns, { minLength: 1, maxLength: 5 }), (conversation) => {
        const last = assessRisk(conversation.at(-1) as string);
        expect(assessConversation(conversation).score).toBeGreaterThanOrEqual(last.score);
      }),
    );
  });

  it("answers an empty conversation, and non-strings from untyped callers, with none", () => {
    expect(assessConversation([]).level).toBe("none");
    expect(assessConversation([undefined, 3] as unknown as string[]).level).toBe("none");
    expect(assessConversation(undefined as unknown as string[]).level).toBe("none");
  });

  it("meets the tier of every development conversation", () => {
    for (const { turns, tier, note } of DEV_CONVERSATIONS) {
      const { level } = assessConversation(turns);
      const ok =
        tier === "acute" ? level === "high" : tier === "ideation" ? atLeastMedium(level) : !atLeastMedium(level);
      expect(ok, `${note}: ${level}`).toBe(true);
    }
  });
});

describe("assessRisk's properties", () => {
  const acute = CRISIS_DEV.filter((entry) => entry.tier === "acute").map((entry) => entry.text);
  const benign = CRISIS_DEV.filter((entry) => entry.tier === "benign").map((entry) => entry.text);

  it("never lowers an acute message below medium when a benign sentence follows", () => {
    fc.assert(
      fc.property(fc.constantFrom(...acute), fc.constantFrom(...benign), (risk, after) => {
        expect(atLeastMedium(assessRisk(`${risk}\n${after}`).level)).toBe(true);
        expect(atLeastMedium(assessRisk(`${risk}. ${after}`).level)).toBe(true);
      }),
    );
  });

  it("never lowers an acute message below medium whatever follows in a new sentence", () => {
    fc.assert(
      fc.property(fc.constantFrom(...acute), fc.string({ maxLength: 200 }), (risk, after) => {
        expect(atLeastMedium(assessRisk(`${risk}\n${after}`).level)).toBe(true);
      }),
    );
  });

  it("is total: any string gets a level, and a category exactly when the level is medium or high", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (text) => {
        const result = assessRisk(text);
        expect(LEVELS).toContain(result.level);
        expect(result.category === null).toBe(!atLeastMedium(result.level));
        if (result.level === "high") expect(ACUTE_CATEGORIES.has(result.category as CssrsCategory)).toBe(true);
        expect(LEVELS).toContain(assessConversation([text, text]).level);
      }),
    );
  });
});

describe("assessModelReply's normalisation", () => {
  it("reads a reply disguised as the crisis check reads a message", () => {
    for (const text of [
      "You should k\u200bill yourself.",
      "You should kіll yourself.",
      "You should k.i.l.l yourself.",
    ]) {
      expect(assessModelReply(text).unsafe, text).toBe(true);
    }
  });
});

/** Families added in the third tuning round (issue 12, dev3): examples written for these tests, with their guards. */
describe("assessRisk's third-round families", () => {
  const high = (text: string) => expect(assessRisk(text).level, text).toBe("high");
  const medium = (text: string) => expect(atLeastMedium(assessRisk(text).level), text).toBe(true);
  const below = (text: string) => expect(atLeastMedium(assessRisk(text).level), text).toBe(false);

  it("reads a decision said and left at that, and intent beside a time or means", () => {
    high("i can't go on. i have decided. im not staying");
    high("nobody is going to talk me out of it this time");
    high("i can't go on. i will do it after the funeral, when everyone is asleep");
    high("i will finish my life soon");
    high("i'm going to do it myself, i'm done waiting for it to come naturally");
    below("i have decided to go to uni in leeds");
    below("i'm not staying at this company, i have decided");
    below("i'm going to do it myself, the plumber is too expensive");
  });

  it("reads a plan without the word suicide: settled, timed, at a place", () => {
    high("that's the plan. the tablets, sunday night");
    high("i've planned it all out. thursday morning when they're at work");
    high("going to walk up to the reservoir on friday and not walk back");
    high("it's all planned out, nobody will find me until monday");
    below("my plan is to go shopping tomorrow");
    below("it's all planned out, the wedding is on saturday");
  });

  it("reads preparation: stockpiling, tidying up after oneself, giving things away, goodbyes by phone", () => {
    high("stocking up on my co-codamol a packet at a time");
    high("sorted my room out so no one will have to deal with my stuff after");
    high("phoned all my friends tonight just to say i love them");
    high("gave away my guitar and all my books, wont need them");
    high("sold my bike, cancelled my gym membership. won't need any of it");
    below("said goodbye to my friends at the station, off to spain");
    below("gave my sister my old phone, she needed one");
  });

  it("reads questions about how a method works or how much is enough", () => {
    high("how long would it take to bleed out");
    high("how many of my mum's tablets would be enough");
    high("would it hurt if i jumped from the sixth floor");
    high("which is less painful, the rope or the pills");
    high("how do you drown yourself when you can swim");
    high("if i swallowed 30 paracetamol would i die");
    below("if i take 2 paracetamol will it help my headache");
    below("which is faster, the train or the bus to manchester");
  });

  it("reads poisons, roads, pockets of stones, a car crashed on purpose and hanging from a beam", () => {
    high("i'm going to drink the rat poison in the garage");
    high("drank some of the stuff under the sink an hour ago");
    high("gonna step out onto the motorway tonight");
    high("i'll let the train take me");
    high("i'll swerve the car into the wall on purpose");
    high("i will hang from the beam in the loft");
    high("going to take my father's sleeping pills, every one of them");
    below("we hang the washing from the beam in the loft");
    below("i swerved to avoid a fox on the motorway");
  });

  it("reads imminent farewells and acts interrupted", () => {
    high("bye everyone. for good.");
    high("this will be my last entry. take care of yourself");
    high("cya in the next life");
    high("whoever reads this, it's not your fault");
    high("i won't make it through the night, made sure of it");
    high("my sister caught me with the rope last night");
    high("stood on a stool with the cable this morning");
    high("attempted on saturday. still want to");
    below("bye, see you tomorrow at work");
    below("quit smoking for good, so proud");
  });

  it("reads passive wishes said sideways: an ellipsis, a plane, the lord calling, sleep that lasts", () => {
    medium("it would be easier to just... not exist");
    medium("honestly i'd be relieved if the plane went down");
    medium("i wish the lord would take me home");
    medium("i just want to sleep and stay asleep");
    medium("praying for a heart attack so it stops");
    medium("every day i'm gutted that i woke up");
    medium("i'm ready for it all to be over");
    below("wish i could disappear to the beach for the weekend");
    below("i'd happily die for my kids");
  });

  it("reads active thoughts, hopelessness and burden in other words", () => {
    medium("my brain keeps drifting to suicide");
    medium("the kill myself thoughts are loud");
    medium("so over life honestly");
    medium("living is a prison sentence");
    medium("things won't get better, i know that now");
    medium("my kids would be freer if i wasn't around");
    medium("i'm just dead weight to them");
    medium("the life insurance would do more for them than i ever will");
    below("the cake is dead weight, barely rose");
    below("my knee won't get better without physio");
  });

  it("reads self-harm urges and acts in other words, and keeps healed scars and accidents below medium", () => {
    medium("trying so hard not to cut tonight");
    medium("can't stop looking at the blade");
    medium("the razor is calling me");
    medium("so close to relapse");
    medium("pressed a hot lighter to my arm");
    medium("broke apart a pencil sharpener again");
    medium("wearing a hoodie to hide the cuts");
    below("my scars are old and faded now");
    below("i cut my arm on the fence, it's a mess");
  });

  it("keeps hyperbole, swims, barbecues, songs, study and clinical work below medium", () => {
    below("one more zoom call and i will shoot myself");
    below("jumping off a cliff into a new career");
    below("she can go jump in a lake");
    below("the engine's running in the garage to warm it up");
    below("we jumped into the river to cool off on the walk");
    below("barbecue on saturday, bought charcoal");
    below("an overdose of sugar at the party lol");
    below("migraine so bad i want to die");
    below("there's a song about wanting to die on their new album");
    below("revising pharmacology, lethal doses of paracetamol tonight");
    below("night shift, two overdoses came in");
    below("it'll all be over by friday, last exam");
    below("3 years since my attempt. alive and grateful");
    below("used to think they'd be better off without me, not now");
  });

  it("reads hints of intent beside risk, a firmer sign or the topic named, but not beside each other or a time alone", () => {
    high("suicide is my decision.");
    below("my choice. my decision. the blue dress");
    below("i'll do it on monday, the tax return");
    below("it's happening on friday, my leaving do");
    high("i want to die. nobody will talk me out of it");
    below("final answer. pizza tonight");
    below("i won't be needing you after tonight, my therapist is back");
    below("you know what i mean, see you tomorrow");
  });

  it("keeps everyday uses of the new frames below medium", () => {
    below("cancelled my gym membership, won't need it now i run outside");
    below("been stocking up on paracetamol for the flu season");
    below("standing on a chair with a belt to hang the fairy lights");
    below("so close to relapsing on cigarettes");
    below("the thoughts are back about moving house");
    below("i'd rather not go on the trip");
    below("i'm ready for it to be over, this week has been long");
    below("why keep going to that gym");
    below("my mum found me with the knife in the kitchen, making dinner");
    below("i told her it was the cat that broke the vase");
    below("let the train take me to brighton");
    below("walk onto the road carefully");
    below("my sister snapped my pencil sharpener");
  });

  it("reads a rope put up, pills counted by name, and waking up alive", () => {
    high("the cord is hung from the banister");
    high("how many of my mirtazapine would it take");
    medium("i dread waking up still alive");
    below("i hate waking up early for work");
    below("the rope is up on the climbing wall");
  });

  it("reads formal, religious and bereaved registers, and their everyday twins", () => {
    high("The arrangements are made. I will not wake up.");
    high("i want to be with my late husband tonight");
    high("sorry dad. love you all");
    high("went out to the middle of the viaduct, staring down");
    medium("if the lord took me in my sleep i'd be thankful");
    medium("i think about how peaceful it would be to just let go");
    medium("the kids deserve better than me");
    medium("i hope the tumour would come back");
    below("the van's in the garage for its service");
    below("standing at the edge of the platform is dangerous, they keep saying");
    below("sorry mum, running late, love you");
    below("i visited my late husband's grave today, brought roses");
  });

  it("keeps the new frames' everyday tails below medium (a holiday check-in, car insurance, a lie-in, a flu)", () => {
    below("this'll be my last check-in before the holiday, see you in two weeks");
    below("the car insurance payout would help a lot");
    below("the room feels lighter without me hoarding stuff");
    below("i'd love to sleep and stay asleep till noon on saturday");
    below("so disappointed i woke up late again");
    below("i'm ready for it to be over, this flu");
    below("my plan is sorted for the move on monday");
    below("it'll be at the old quarry, the climbing meet tomorrow");
    below("the thoughts are back to normal, feeling good");
    below("i keep looking at the razor ads, want a new one");
    below("my arms are a mess again after the gardening");
    below("they'd forget me in a week at that job, and be fine");
    below("i won't be needing it anymore since i got a new one");
    high("this will be my last entry ever");
    medium("honestly they'd all be lighter without me.");
    medium("i just want to fall asleep and stay asleep forever");
  });

  it("reads impersonal 'one', method questions put generally, and not deserving to exist", () => {
    high("one intends to take one's own life");
    high("how many co-codamol would it take to die");
    high("quickest way to drown yourself");
    medium("someone like me should not exist");
    below("the best way to hang yourself a hammock is between two trees");
    below("i shouldn't have been so rude");
  });

  it("reads a third person made the writer by a clarifier", () => {
    high("he is going to kill himself tonight. he meaning me");
    high("what if someone took 50 paracetamol? asking for myself");
    expect(assessRisk("he is going to kill himself").level).toBe("low");
  });

  it("reads a cue at work or in study as the writer's when they name themselves", () => {
    high("after my shift i know exactly how and when i'll do it");
  });
});

/** Conversation families added in the third tuning round (issue 12, dev3), with their guards. */
describe("assessConversation's third-round families", () => {
  const level = (turns: string[]) => assessConversation(turns).level;

  it("reads 'i mean me' and 'asking for myself' as making someone else's risk the writer's", () => {
    expect(level(["what if a person took a whole box of tablets", "i mean me", "tonight"])).toBe("high");
    expect(assessRisk("how many pills would kill someone? asking for myself").level).toBe("high");
    expect(atLeastMedium(level(["my friend took a whole box of tablets", "she's in hospital now"]))).toBe(false);
  });

  it("reads stashed pills counted up, someone else's medicine with a time, and a farewell to the app", () => {
    expect(level(["been hoarding them", "nearly 60 so far", "saturday"])).toBe("high");
    expect(level(["i've taken my dad's painkillers", "tonight once he's asleep"])).toBe("high");
    expect(level(["thanks for all the talks", "i won't be needing you after tomorrow"])).toBe("high");
    expect(level(["you asked me if i was okay", "i wasn't honest", "i'm doing it in ten minutes"])).toBe("high");
    expect(atLeastMedium(level(["thanks for all the talks", "see you next week"]))).toBe(false);
  });

  it("reads a rope bought 'not for climbing', and keeps one bought for climbing below medium", () => {
    expect(level(["got some rope yesterday", "not for camping", "the loft, when the house is empty"])).toBe("high");
    expect(atLeastMedium(level(["got some rope yesterday", "for the climbing wall at the gym"]))).toBe(false);
  });

  it("reads a retraction to a story or a harmless thing as that, and only when the last turn is harmless", () => {
    expect(atLeastMedium(level(["i want to kill myself", "lol i meant the show, that finale destroyed me"]))).toBe(
      false,
    );
    expect(atLeastMedium(level(["downed a load of tablets today", "vitamins, new routine"]))).toBe(false);
    expect(level(["i want to kill myself", "i meant the show at first but honestly i want to die tonight"])).toBe(
      "high",
    );
  });

  it("joins a pastime carried on the turn before, so the pastime reads the place", () => {
    expect(atLeastMedium(level(["up on the roof", "watching the fireworks over the city with everyone"]))).toBe(false);
    expect(level(["up on the roof", "not scared"])).toBe("high");
  });
});
