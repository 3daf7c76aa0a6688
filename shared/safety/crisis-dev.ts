/**
 * The development corpus of the crisis check (issue 12, item 1): messages written by rule from the
 * C-SSRS screener's categories BEFORE the compositional classifier was tuned, in the registers
 * people type in (lowercase texting, typos, British and American wording, indirect, long and short,
 * an implied first person). The classifier is tuned against this file and `crisis-corpus.ts`; the
 * held-out corpus (`crisis-heldout.ts`) is never read by whoever tunes it.
 *
 * Tiers, as the C-SSRS triages: `acute` must be "high" (behaviour, preparation, imminence, plan,
 * intent, method); `ideation` at least "medium" (self-harm, suicidal thoughts, wish to be dead,
 * hopelessness); `benign` below "medium" (idioms, negated, past and recovered, someone else,
 * fiction/news/study, protective and ordinary low mood).
 */
import type { CssrsCategory } from "../domain/risk-flags";

/**
 * What a dev message is: its tier and the category it was written from.
 * @example const entry: DevEntry = { text: "i want to kill myself", tier: "acute", category: "intent" };
 */
export type DevTier = "acute" | "ideation" | "benign";

/** The kinds of benign message. */
export type BenignKind =
  | "idiom"
  | "negated"
  | "past"
  | "other-person"
  | "fiction-news-study"
  | "protective"
  | "everyday";

export interface DevEntry {
  text: string;
  tier: DevTier;
  category: CssrsCategory | BenignKind;
}

/**
 * A conversation: the patient's turns, oldest first, and the tier the last few turns together call for.
 * @example const c: DevConversation = { turns: ["i have been saving my pills", "tonight is the night"], tier: "acute", note: "split" };
 */
export interface DevConversation {
  turns: readonly string[];
  tier: DevTier;
  note: string;
}

const acute =
  (category: CssrsCategory) =>
  (...texts: string[]): DevEntry[] =>
    texts.map((text) => ({ text, tier: "acute", category }));
const ideation =
  (category: CssrsCategory) =>
  (...texts: string[]): DevEntry[] =>
    texts.map((text) => ({ text, tier: "ideation", category }));
const benign =
  (category: BenignKind) =>
  (...texts: string[]): DevEntry[] =>
    texts.map((text) => ({ text, tier: "benign", category }));

/** Single messages: acute, ideation, benign. */
export const CRISIS_DEV: readonly DevEntry[] = [
  // ---------------------------------------------------------------- acute: intent
  ...acute("intent")(
    "i'm going to kill myself",
    "im gonna end it",
    "i've decided to end my life",
    "I am going to take my own life.",
    "i feel like ending it",
    "i want to end it all",
    "i'm ready to die",
    "i'm going to end things",
    "i will kill myself if this carries on",
    "honestly i just want to kill myself",
    "i intend to end my life",
    "I'm going to commit suicide",
    "i really want to die",
    "want to die so badly rn",
    "im gonna do it. im going to end it",
    "i plan to kill myself",
    "i've made up my mind, i'm ending my life",
    "going to end it",
    "i'm done, i'm going to kill myself",
    "i wanna end my life",
    "I want to commit suicide",
    "i keep thinking i'm going to do it, i'm going to end my life",
    "I've decided I'm not going to be alive much longer",
  ),
  // ---------------------------------------------------------------- acute: method
  ...acute("method")(
    "i want to overdose",
    "i keep thinking about jumping off the bridge near my house",
    "i want to hang myself",
    "thinking of taking all my tablets",
    "i could just step in front of a train",
    "i want to throw myself off the roof",
    "i'm thinking about drowning myself",
    "i want to slit my wrists",
    "i've been thinking about using my dad's gun on myself",
    "i could drive my car into a wall",
    "i want to walk into the sea and not come back",
    "I keep picturing myself with a noose",
    "thinking about taking the whole bottle of pills",
    "i could just lie down on the train tracks",
    "i want to cut deep enough that it ends",
    "thinking about drinking bleach",
    "might just run the car in the garage with the door shut",
    "i want to jump from somewhere high",
    "i looked at the rope in the shed and thought about using it on myself",
    "i could just overdose on my meds",
  ),
  // ---------------------------------------------------------------- acute: plan
  ...acute("plan")(
    "i have a plan to kill myself",
    "i know exactly how i'm going to do it",
    "i've worked out how and when",
    "i've got it all planned, the pills and the date",
    "i know which bridge i'm going to use",
    "my plan is to overdose when everyone is at work",
    "i've planned how to end my life",
    "i've figured out where i'll do it",
    "i know how i would do it and i know when",
    "I have a plan and I'm going to go through with it",
    "ive got a plan now. pills and vodka",
    "i've decided on the method",
    "the plan is to jump from the car park on friday",
    "i know how to end it and nobody will stop me",
    "i have thought it through, how and where",
  ),
  // ---------------------------------------------------------------- acute: preparation
  ...acute("preparation")(
    "i've been saving up my tablets",
    "i've been stockpiling my meds for weeks",
    "i wrote my will today",
    "i've written letters to my family for after i'm gone",
    "i've written a suicide note",
    "i gave my dog to my neighbour so he'll be looked after",
    "i've been giving away my stuff",
    "i bought a rope",
    "i've said my goodbyes to everyone",
    "i picked a date",
    "i've been researching how many pills it takes",
    "i googled the most painless way to die",
    "i looked up how to tie a noose",
    "i've set a date. the 14th",
    "i've sorted out my affairs so nobody has to deal with it after",
    "i got enough paracetamol together",
    "i've cancelled everything and left notes for my kids",
    "i made sure my cat has a new home because i won't be around",
    "been hoarding my sleeping pills",
    "i found out which dose would be enough",
  ),
  // ---------------------------------------------------------------- acute: imminence / farewell
  ...acute("imminence")(
    "this is the last time you'll hear from me",
    "goodbye everyone, i love you all",
    "i'm going to end it tonight",
    "tonight's the night",
    "i'm on my way to the bridge",
    "im standing on the edge right now",
    "by the time anyone reads this i'll be gone",
    "i won't be here tomorrow",
    "this is goodbye",
    "i'm doing it tonight",
    "i'm at the station and i'm going to jump",
    "thank you for trying. goodbye",
    "i'm sitting here with the pills in front of me",
    "i won't be alive by morning",
    "i'm going to kill myself now",
    "i have the knife in my hand right now",
    "tell my mum i'm sorry. it's time",
    "im on the roof. i cant do this anymore",
    "i am going to die tonight",
    "last message. i'm done",
  ),
  // ---------------------------------------------------------------- acute: recent behaviour
  ...acute("behaviour")(
    "i already swallowed the tablets",
    "i took the whole packet an hour ago",
    "i've just taken 30 paracetamol",
    "i tried to kill myself last night",
    "i overdosed earlier today",
    "i cut my wrists and there's a lot of blood",
    "i tried to hang myself but the rope broke",
    "i was about to jump but someone stopped me",
    "i took all my pills",
    "i just swallowed a load of my mum's sleeping pills",
    "i attempted suicide on saturday",
    "i had the pills in my hand and put them back, this morning",
    "i tried to overdose yesterday",
    "i've taken too many tablets on purpose",
    "i drank the bleach",
    "i tried to end my life last week",
    "i took an overdose",
    "i went to the bridge last night to jump but i couldn't",
    "i just cut really deep",
    "i've taken everything in the medicine cabinet",
  ),
  // ---------------------------------------------------------------- ideation: wish to be dead
  ...ideation("wish-to-be-dead")(
    "i wish i was dead",
    "death would be a relief",
    "i don't want to be here anymore",
    "i hope i don't wake up tomorrow",
    "i wish i could go to sleep and never wake up",
    "i wouldn't mind if i died",
    "sometimes i wish i'd never been born",
    "i wish a bus would hit me",
    "i don't want to be alive",
    "i'd rather be dead",
    "i just want to disappear forever",
    "i don't want to exist anymore",
    "i wish i could just stop existing",
    "if i died tomorrow i wouldn't care",
    "id be happier dead",
    "i want to go to sleep forever",
    "i dont want to live anymore",
    "i wish it would all just end",
    "being dead sounds peaceful",
    "i wish i wasn't alive",
    "i'm tired of being alive",
    "wish i could fall asleep and not wake up",
    "dying doesn't scare me anymore, it sounds nice",
    "part of me wants to not be here",
    "i pray i don't wake up",
    "honestly i'd welcome death",
    "i wouldn't care if i got hit by a car",
    "i hope i get cancer and die",
  ),
  // ---------------------------------------------------------------- ideation: suicidal thoughts
  ...ideation("suicidal-thoughts")(
    "i'm suicidal",
    "i've been having suicidal thoughts",
    "i keep thinking about killing myself",
    "i think about suicide a lot",
    "thoughts of ending my life keep coming back",
    "i've been feeling really suicidal lately",
    "suicide is on my mind all the time",
    "sometimes i think about ending it",
    "i have thoughts of killing myself",
    "i'm having dark thoughts about taking my own life",
    "the idea of suicide keeps popping into my head",
    "been feeling suicidal again",
    "i think about dying every day",
    "my brain keeps telling me to kill myself",
    "i've had thoughts about not being here",
    "i keep thinking everyone would be better off if i killed myself",
    "feeling kinda suicidal tbh",
    "i can't stop thinking about death",
    "considered suicide again today",
    "i feel like dying",
    "i get these thoughts about suicide and they scare me",
    "lately ive been thinking about killing myself",
  ),
  // ---------------------------------------------------------------- ideation: hopelessness / burden
  ...ideation("hopelessness")(
    "everyone would be better off without me",
    "i'm done with life",
    "what's the point in living",
    "there's no reason for me to live",
    "i'm just a burden to everyone",
    "i can't go on like this",
    "nothing will ever get better, there's no point going on",
    "my family would be better off if i wasn't around",
    "i don't see a future for myself at all",
    "life isn't worth living",
    "i'm tired of living",
    "no one would miss me if i was gone",
    "i'm such a burden, they'd be better off without me",
    "there's no point in me being alive",
    "i give up on life",
    "i can't see any way out except dying",
    "i'm sick of life",
    "i've got nothing left to live for",
    "the world would be better without me in it",
    "i cant keep living like this",
    "nobody would care if i died",
    "i'm a waste of space and everyone would be happier if i was gone",
    "i feel completely hopeless, like there's no point to any of it anymore",
    "what's even the point of being alive",
    "i don't know how much longer i can keep going",
    "i'm only staying alive for my mum",
  ),
  // ---------------------------------------------------------------- ideation: self-harm
  ...ideation("self-harm")(
    "i cut myself last night",
    "i want to hurt myself",
    "i've been self harming again",
    "i really want to cut",
    "i burned myself with a lighter",
    "i keep scratching my arms till they bleed",
    "the urge to self harm is so strong today",
    "i hit myself when i get like this",
    "i relapsed and cut again",
    "i feel like hurting myself",
    "i've started cutting",
    "i punched the wall until my knuckles bled on purpose",
    "i want to feel pain so i hurt myself",
    "i've been harming myself",
    "im sh'ing again",
    "i need to cut",
    "I hurt myself on purpose today",
    "i bang my head against the wall until it hurts",
    "i starve myself to punish myself",
    "i've got fresh cuts on my legs",
    "i keep wanting to burn myself",
    "i scratched myself raw again",
  ),
  // ---------------------------------------------------------------- benign: idioms
  ...benign("idiom")(
    "i'd kill for a cup of tea",
    "this exam is killing me",
    "i was dying of laughter",
    "my phone is dead",
    "i'm dead tired",
    "can you kill the lights",
    "she's drop-dead gorgeous",
    "my feet are killing me",
    "i could murder a pizza",
    "lol i'm dead 💀",
    "that joke killed me",
    "i'm dying to see the new film",
    "my battery died",
    "this heat is killing me",
    "i nearly died when he said that haha",
    "we killed it at the gig last night",
    "kill two birds with one stone",
    "i'm going to kill my brother if he eats my chips again",
    "i could have died of embarrassment",
    "deadline is tomorrow, i'm so dead",
    "she'll kill me if i'm late",
    "i'm dying for a coffee",
    "the plant died because i forgot to water it",
    "this song slaps, i'm deceased",
    "that workout killed me",
  ),
  // ---------------------------------------------------------------- benign: negated
  ...benign("negated")(
    "i would never kill myself",
    "i'm not suicidal, just tired",
    "i don't want to die, i just want things to be easier",
    "i'd never hurt myself",
    "i'm not going to do anything stupid, promise",
    "no thoughts of suicide, just stressed about work",
    "i'm sad but i'm not thinking about ending my life",
    "i have no plans to hurt myself",
    "i don't want to kill myself, i want to get better",
    "not suicidal at all, just need to vent",
  ),
  // ---------------------------------------------------------------- benign: past / recovered
  ...benign("past")(
    "i used to self-harm, two years clean now",
    "i used to feel suicidal as a teenager but i'm in a much better place",
    "i haven't cut in over a year",
    "years ago i tried to end my life, i'm doing well now",
    "i used to want to die but therapy really helped",
    "the suicidal thoughts have gone since i started medication",
    "i was in a dark place last year but i'm okay now",
    "my scars are old, i'm proud of how far i've come",
  ),
  // ---------------------------------------------------------------- benign: someone else
  ...benign("other-person")(
    "my friend's dad killed himself last year and i still think about it",
    "my grandad died in march and i miss him",
    "my cat died yesterday",
    "my sister's friend overdosed, it was in the paper",
    "he said he'd kill me if i broke his xbox",
    "my mum is in hospital after a fall",
  ),
  // ---------------------------------------------------------------- benign: fiction, news, study
  ...benign("fiction-news-study")(
    "we're studying suicide prevention in my psychology class",
    "i'm reading a novel where the main character kills herself",
    "the news about the bridge jumper was so sad",
    "i'm writing an essay on self-harm in young people",
    "i watched a documentary about the samaritans",
    "in the game you have to kill the dragon",
    "hamlet's to be or not to be speech is about suicide",
    "how do i support a friend who self harms?",
    "the film ends with him jumping off a cliff, pretty dark",
  ),
  // ---------------------------------------------------------------- benign: protective / everyday
  ...benign("protective")(
    "i have my safety plan and i'm using it",
    "i called the samaritans last night and it helped",
    "my kids keep me going",
    "i'm feeling a bit better after talking to my therapist",
    "going for a walk helps when i feel low",
  ),
  ...benign("everyday")(
    "i feel really low today",
    "i'm so tired of this job",
    "i'm exhausted and everything feels hard",
    "nobody texted me back today, feeling lonely",
    "i took my tablets this morning like the doctor said",
    "i need to pick up my prescription tomorrow",
    "i hung the washing out",
    "we went to the bridge to watch the boats",
    "i bought rope for the garden fence",
    "i'm going to the station tonight to meet my mum",
    "i said goodbye to my friends at the airport",
    "i wrote a letter to my nan",
    "i gave my old clothes to charity",
    "my plan for tonight is pizza and a film",
    "i'm done with this essay finally",
    "i'm giving up sugar",
    "i just want to sleep for a week",
    "cutting onions always makes me cry",
    "i'm over it, moving on",
    "i'm jumping on a train to london tomorrow",
    "i jumped off the diving board today!",
    "i cut my hair really short",
    "i'm dying my hair pink",
    "i'm so done with exams",
    "i hate mondays",
    "i overslept and missed the bus",
    "my gran left me her ring in her will",
    "i'm dead serious, the film was brilliant",
    "my laptop is dying, need a charger",
    "i'm hanging out with friends tonight",
    "i took a tablet for my headache",
    "i could sleep forever, this week was long",
    "the bridge was closed so we took the long way",
    "i'm saving up for a holiday",
    "i gave away my old bike",
    "i picked a date for the wedding!",
    "my therapist asked if i was suicidal and i said no, i'm not",
    "i've never self harmed",
    "if i fail this test i'm going to die lol",
  ),
];

/** Conversations: the patient's last turns, oldest first. */
export const DEV_CONVERSATIONS: readonly DevConversation[] = [
  { turns: ["i've been saving up my pills", "tonight's the night"], tier: "acute", note: "preparation + timing split" },
  {
    turns: ["i'm going to kill him", "my brother ate the last slice of cake lol"],
    tier: "benign",
    note: "idiom clarified",
  },
  { turns: ["this exam is killing me", "anyway how do i revise better"], tier: "benign", note: "idiom then benign" },
  {
    turns: ["i wrote letters to everyone", "so they know i loved them when i'm gone"],
    tier: "acute",
    note: "preparation",
  },
  { turns: ["i can't do this anymore", "i'm going to the bridge"], tier: "acute", note: "split imminence" },
  { turns: ["i'm so tired", "i want to die"], tier: "acute", note: "last turn alone is risk" },
  { turns: ["i want to die", "i'm fine now it's okay"], tier: "ideation", note: "clarifying away does not undo" },
  { turns: ["i've got the tablets", "all of them", "going to take them now"], tier: "acute", note: "three-turn" },
  {
    turns: ["i feel like a burden", "everyone would be happier if i was gone"],
    tier: "ideation",
    note: "burden split",
  },
  { turns: ["my dog died last week", "i miss him so much"], tier: "benign", note: "grief" },
  { turns: ["i'd kill for a pizza", "what should i cook tonight"], tier: "benign", note: "idiom then tonight" },
  { turns: ["i used to cut", "but i'm two years clean now"], tier: "benign", note: "past clarified" },
  { turns: ["i keep thinking about the train tracks", "they're near my house"], tier: "acute", note: "method" },
  { turns: ["work was awful", "i just want it all to end"], tier: "ideation", note: "wish" },
  {
    turns: ["i don't want to be here", "i mean at this party lol, it's so boring"],
    tier: "benign",
    note: "clarified here",
  },
  {
    turns: ["nothing matters", "i've given my cat to my sister", "she'll look after her better than me"],
    tier: "acute",
    note: "giving away a pet",
  },
  { turns: ["i've been hurting myself", "i did it again last night"], tier: "ideation", note: "self-harm acts" },
  {
    turns: ["i want to die", "of embarrassment lol i fell over in front of everyone"],
    tier: "benign",
    note: "idiom completed in next turn",
  },
  { turns: ["i bought paracetamol", "loads of it", "enough"], tier: "acute", note: "means gathered" },
  { turns: ["today was good", "i went to the gym and saw friends"], tier: "benign", note: "plain" },
];
