/**
 * A HELD-OUT evaluation corpus for the crisis check (issue 12, item 2).
 *
 * How it was written: on 2026-12-04, before any tuning of the classifier for issue 12, by someone
 * who had not read the lexicon, the old corpus, the spellings or the rules of the classifier
 * (risk-lexicon.ts, crisis-corpus.ts, context-lexicon.ts, spellings.ts and the body of
 * crisis-risk.ts were not opened). Each message was written by rule from the categories of the
 * Columbia Suicide Severity Rating Scale (C-SSRS) screener, not from guesses about what the
 * classifier catches or misses, in varied registers: plain, lowercase texting, typos, British and
 * American wording, indirect, long and short, first person and implied first person.
 *
 * Tiers, by the C-SSRS triage rule:
 * - acute: intent, a plan, a named method with a self-referent, preparation, recent behaviour
 *   (an attempt or ingestion already done), imminence and farewells. Expected: level "high".
 * - ideation: passive wishes to be dead, non-specific suicidal thoughts, hopelessness about living,
 *   feeling a burden, self-harm urges and acts, all WITHOUT a plan, intent, method or timing.
 *   Expected: at least "medium". (Scoring one of these "high" is over-triage, not a miss.)
 * - benign: idioms, everyday mentions of means, past or recovered self-harm or suicidality,
 *   study and volunteering, other people's deaths, news and fiction, and negated statements.
 *   Expected: below "medium" ("none" or "low").
 *
 * Rules of use: this file is NEVER to be edited to fit the classifier (no rewording, re-tiering or
 * removal of a message because the classifier gets it wrong), and the classifier's lexicon and
 * rules must NEVER be edited against it: it measures, it does not train. A misjudged tier may be
 * corrected only by the C-SSRS rule above, with the reason in the commit message. The report is
 * `npx tsx tests/bench/crisis.ts`.
 */

export type HeldoutTier = "acute" | "ideation" | "benign";

export interface HeldoutEntry {
  text: string;
  tier: HeldoutTier;
  category: string;
}

export interface HeldoutConversation {
  /** The turns the patient sent, oldest first. */
  turns: string[];
  tier: HeldoutTier;
  category: string;
}

function group(tier: HeldoutTier, category: string, texts: readonly string[]): HeldoutEntry[] {
  return texts.map((text) => ({ text, tier, category }));
}

export const CRISIS_HELDOUT: readonly HeldoutEntry[] = [
  // ---------------------------------------------------------------- acute
  ...group("acute", "intent", [
    "I'm going to kill myself tonight",
    "i am going to kill myself. i've decided",
    "I've made up my mind, I'm going to end my life",
    "im gonna kill myself i mean it this time",
    "I intend to take my own life",
    "going to end it all this weekend, no one can stop me",
    "I've decided I'm going to die by suicide",
    "Tomorrow I'm going to do it. I'm going to kill myself.",
    "i will kill my self when everyone is asleep",
    "I'm going to commit suicide and I don't want to be talked out of it",
  ]),
  ...group("acute", "plain-intent", [
    "I'm ending it tonight",
    "im ending it all tonight",
    "Tonight I end it.",
    "I'm checking out for good tonight",
    "I'm done. I'm ending my life on Friday.",
    "after work i'm going to finish myself off",
    "This is it, I'm taking myself out of the picture tonight",
    "I won't be alive by the morning",
  ]),
  ...group("acute", "plan", [
    "I have a plan to kill myself and I know when I'll do it",
    "I've worked out exactly how I'm going to do it and when",
    "ive planned it all out. tuesday, when the house is empty",
    "I've been researching the most painless way to die and I've settled on one",
    "I've planned my suicide down to the last detail",
    "i know how and where i'm going to end my life",
    "my plan is to wait until mum goes to work and then end my life",
  ]),
  ...group("acute", "method:pills", [
    "I'm going to take all my pills tonight",
    "I'm going to overdose on my antidepressants",
    "gonna swallow the whole packet of paracetamol and go to sleep forever",
    "thinking of taking every tablet in the house so I don't wake up",
    "I'm going to OD tonight",
    "im going to take all my sleeping pills at once and never wake up",
  ]),
  ...group("acute", "method:hanging", [
    "I've tied a noose in the garage",
    "I'm going to hang myself from the loft hatch",
    "i've got the rope and i know which beam",
    "I keep looking at the banister and thinking it would hold my weight if I hanged myself",
  ]),
  ...group("acute", "method:jumping", [
    "I'm going to jump off the bridge on my way home",
    "im standing on the roof of the car park and im going to jump",
    "I'm going to throw myself off the top of my building",
    "I looked up how high the bridge is to make sure the fall would kill me",
  ]),
  ...group("acute", "method:train", [
    "I'm going to step in front of a train",
    "i'm at the station and i'm going to lie on the tracks",
    "Gonna walk onto the train tracks when the express comes through",
  ]),
  ...group("acute", "method:drowning", [
    "I'm going to walk into the sea and keep going until I drown",
    "im going to drown myself in the river tonight",
    "I'm going to fill my pockets with stones and walk into the lake",
  ]),
  ...group("acute", "method:car-exhaust", [
    "I'm going to run the car in the garage with the door shut",
    "I've got a hose for the exhaust and I'm going to sit in the car until it's over",
    "i'm going to sit in the closed garage with the engine running and let the fumes take me",
  ]),
  ...group("acute", "method:cutting", [
    "I'm going to cut my wrists deep enough this time to die",
    "going to slit my wrists in the bath tonight",
    "I'm going to cut deep enough to bleed out",
  ]),
  ...group("acute", "method:firearm", [
    "I'm going to shoot myself with my dad's gun",
    "i've got the gun loaded and it's pointed at my head",
    "I'm going to put a bullet in my head tonight",
    "Bought a handgun today. It's for me.",
  ]),
  ...group("acute", "method:poison", [
    "I'm going to drink the bleach under the sink",
    "im going to drink weed killer and end it",
    "I'm going to poison myself with antifreeze",
  ]),
  ...group("acute", "preparation", [
    "I've written my will and sorted out my affairs, I won't need anything after this week",
    "I've written goodbye letters to my mum and my sister",
    "I've found a new home for my cat because I won't be around to look after her",
    "i gave away my guitar and all my stuff, i won't need any of it where i'm going",
    "I've picked the date. The 14th. It'll all be over then.",
    "i've been stockpiling my pills for weeks so i have enough to end it",
    "I've been saving my tablets up until there are enough to not wake up",
    "I've written notes for everyone and put them in the drawer for when I'm gone",
    "Cancelled all my appointments and deleted my accounts, I won't be needing them after Friday",
    "I bought a rope today for when I do it",
    "I've set my affairs in order and picked the day I'll die",
  ]),
  ...group("acute", "recent-behaviour", [
    "I already swallowed the tablets",
    "i just took 40 paracetamol",
    "I've taken a whole bottle of pills and I'm starting to feel sleepy",
    "I cut my wrists and there's a lot of blood",
    "I attempted last night and I'm just sorry it didn't work",
    "I drank bleach about ten minutes ago",
    "just took all my sleeping tablets with a bottle of vodka",
    "I've already done it, I took everything in the medicine cabinet",
    "i've swallowed the lot. it's too late now",
  ]),
  ...group("acute", "imminence-farewell", [
    "This is the last time you'll hear from me",
    "Goodbye everyone. Thank you for trying. I'm sorry.",
    "by the time anyone reads this i'll be gone",
    "Please tell my mum I love her. I won't be here tomorrow.",
    "this is my last message. take care of yourselves",
    "I just wanted to say goodbye before I go for good",
    "it's time. i'm leaving this world tonight",
  ]),
  ...group("acute", "adversarial:zero-width", [
    "I'm going to k\u200bill myself tonight",
    "i'm going to end my li\u200dfe tonight, i have the pills",
  ]),
  ...group("acute", "adversarial:soft-hyphen", ["I'm going to commit sui\u00adcide tonight"]),
  ...group("acute", "adversarial:confusable", [
    "I'm going to k\u0456ll myself", // Cyrillic і (U+0456)
    "tonight I'm going to hang mys\u0435lf", // Cyrillic е (U+0435)
  ]),
  ...group("acute", "adversarial:spaced", [
    "going to k.i.l.l myself tonight",
    "i'm going to commit s u i c i d e tonight",
  ]),
  ...group("acute", "adversarial:leetspeak", ["gonna k1ll mys3lf 2nite", "i'm taking an 0verd0se tonight"]),

  // ---------------------------------------------------------------- ideation
  ...group("ideation", "passive-wish", [
    "I wish I could go to sleep and not wake up",
    "i wish i was never born",
    "Sometimes I hope I just don't wake up in the morning",
    "I wish I could just disappear forever",
    "wish a bus would hit me tbh",
    "If I died in my sleep tonight I wouldn't mind",
    "I keep hoping something will happen to me so I don't have to be here any more",
    "I wish I wasn't alive",
    "it'd be easier if i just stopped existing",
    "I wouldn't care if I got ill and died",
  ]),
  ...group("ideation", "non-specific", [
    "I've been having suicidal thoughts",
    "i keep thinking about killing myself",
    "I think about suicide a lot lately",
    "I feel suicidal",
    "im feeling really suicidal today",
    "I've been thinking about ending my life",
    "thoughts of suicide keep coming back this week",
    "I don't want to be here anymore",
    "I just want to die",
    "Part of me wants to die",
    "I've thought about taking my own life",
    "i think about being dead all the time",
    "sometimes i want to kill myself",
    "I feel like ending it",
    "kinda want to end it all ngl",
    "i wanna die",
    "I want to be dead, I'm just too much of a coward to do anything about it",
    "suicidal again. same as last month",
    "I think about killing myself most days but I won't act on it because of my daughter",
  ]),
  ...group("ideation", "hopelessness", [
    "I'm done with life",
    "Death would be a relief",
    "what's the point in living",
    "I can't see any reason to keep living",
    "I'm tired of being alive",
    "i cant do this anymore. i dont want to live",
    "There's no future for me, I'd rather be dead",
    "Life isn't worth living anymore",
    "I can't go on like this, I just want it all to stop forever",
    "honestly dying sounds better than another year of this",
    "I'm so tired of living",
    "nothing matters, i'd be better off dead",
    "I'm sick of life",
    "I don't see the point of being alive",
    "im not sure i want to be alive anymore",
    "im so done with everything i just want to not exist",
    "I think I'd rather die than keep feeling like this",
  ]),
  ...group("ideation", "burden", [
    "Everyone would be better off without me around",
    "my family would be happier if i was gone",
    "I'm just a burden, they'd be better off if I was dead",
    "nobody would even notice if i died",
    "The world would be better without me in it",
    "my kids deserve a mum who isn't me, they'd be fine if I wasn't here",
    "Honestly I've been thinking everyone would cope fine if I killed myself",
  ]),
  ...group("ideation", "self-harm-urge", [
    "I really want to cut myself right now",
    "the urge to self harm is so strong tonight",
    "i want to hurt myself",
    "I keep wanting to burn myself with a lighter",
    "I'm fighting the urge to cut again",
    "I feel like I need to hurt myself to feel something",
    "want to punch walls until my hands break",
    "i keep thinking about scratching my arms until they bleed",
  ]),
  ...group("ideation", "self-harm-act", [
    "I cut myself last night",
    "I've been self-harming again",
    "i burned my arm with a cigarette earlier",
    "I keep hitting myself when I get angry at myself",
    "I relapsed and cut my thighs",
    "been cutting again. nobody knows",
    "I scratched my skin until it bled on purpose",
    "I hit my head against the wall until it hurt, on purpose",
    "i self harmed today",
    "I've started cutting my arms to cope",
    "I punched myself in the face again today",
  ]),
  ...group("ideation", "adversarial:spaced", [
    "i w i s h i w a s d e a d",
    "s.e.l.f h.a.r.m urges are really bad today",
  ]),
  ...group("ideation", "adversarial:zero-width", ["I just want to d\u200bie"]),
  ...group("ideation", "adversarial:soft-hyphen", ["i keep wanting to cu\u00adt myself"]),

  // ---------------------------------------------------------------- benign
  ...group("benign", "idiom", [
    "I'd kill for a cup of tea right now",
    "This commute is killing me",
    "I'm dying to see that film",
    "My phone died halfway through the call",
    "that joke killed me lol",
    "I nearly died laughing",
    "My back is killing me after all that gardening",
    "If mum sees this mess she'll kill me",
    "we absolutely killed it at the pub quiz",
    "I'm going to kill my brother for eating my leftovers",
    "The battery on my laptop is dead again",
    "I could murder a curry",
    "Dead tired after the night shift",
    "I'm dying of thirst, can we stop somewhere",
    "my plants all died while I was on holiday",
    "this heat is killing me",
    "I think I need to end things with Sam, the relationship isn't working",
    "The suspense is killing me, just tell me!",
    "I'd die for a lie-in this weekend",
    "That dress is to die for",
    "I'm bored to death in this lecture",
    "the car died on the motorway, waiting for the AA",
  ]),
  ...group("benign", "everyday-means", [
    "I'm going to hang the washing out",
    "we jumped off the pier into the sea, it was freezing",
    "I cut my hair really short and I love it",
    "I shot some hoops after school",
    "I need to pick up my prescription tablets before the chemist closes",
    "Remember to take your pills with food",
    "I'm taking the train over the bridge to see my nan tomorrow",
    "I bought bleach to clean the bathroom",
    "went to the shooting range with my dad, it was fun",
    "I left the car running in the drive to defrost the windscreen",
  ]),
  ...group("benign", "safe-past", [
    "I used to self-harm, two years clean",
    "I haven't cut in 18 months and I'm proud of myself",
    "I was suicidal when I was 19 but I'm in a really good place now",
    "Therapy has helped so much, I don't have those dark thoughts anymore",
    "looking back five years, i'm glad my attempt failed. life is good now",
    "my scars have faded and so has the urge",
    "It's been a year since I last hurt myself and I'm celebrating",
  ]),
  ...group("benign", "recovery", [
    "I'm so glad I'm still here",
    "I've been feeling much better since starting my new meds",
    "I used my safety plan last month and it really worked",
    "Feeling hopeful today for the first time in ages",
  ]),
  ...group("benign", "academic", [
    "I'm writing an essay on suicide prevention",
    "Our psychology lecture today was about self-harm in teenagers",
    "What are the warning signs that someone might be suicidal? I want to look out for my students",
    "I'm volunteering for a suicide prevention charity this weekend",
    "Reading a report on overdose rates in the UK for my public health module",
  ]),
  ...group("benign", "third-party-news", [
    "My friend's dog died yesterday",
    "My grandad died last year and I still miss him",
    "There was a story on the news about a man who jumped from a bridge",
    "My favourite character got killed off in the show and I'm gutted",
    "a famous singer died by suicide and everyone's talking about it",
    "My aunt passed away peacefully in her sleep",
    "I'm reading a novel where the main character drowns herself",
    "The documentary about the Golden Gate Bridge was really moving",
  ]),
  ...group("benign", "negated", [
    "I would never hurt myself",
    "I'm not suicidal, just really tired",
    "I'm not going to kill myself, I just want this week to be over",
    "I've never thought about killing myself, I'm just stressed about exams",
    "I'm sad but I'm safe and I'm not going to do anything",
    "i'm not going to hurt myself, i promise, i just needed to vent",
  ]),
  ...group("benign", "adversarial:zero-width", ["I'd k\u200bill for a cup of coffee"]),
  ...group("benign", "adversarial:leetspeak", ["this traffic is k1lling me lol"]),
];

/**
 * Two-turn cases: the risk appears only across the turns (each turn alone is weak or empty),
 * plus one benign control whose second turn makes an alarming first turn harmless.
 */
export const HELDOUT_CONVERSATIONS: readonly HeldoutConversation[] = [
  { turns: ["I've been saving up my pills", "tonight's the night"], tier: "acute", category: "preparation+imminence" },
  {
    turns: ["I wrote letters to everyone I love today", "they'll find them tomorrow when I'm gone"],
    tier: "acute",
    category: "preparation+farewell",
  },
  {
    turns: ["how tall is the multi-storey car park in town?", "ok that's high enough. heading there now"],
    tier: "acute",
    category: "method+imminence",
  },
  { turns: ["nobody would miss me", "so what's the point of sticking around"], tier: "ideation", category: "burden" },
  { turns: ["I'm going to kill him", "my brother ate the last slice of cake lol"], tier: "benign", category: "idiom" },
];
