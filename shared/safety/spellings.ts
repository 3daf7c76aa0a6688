/**
 * How people actually spell risk language, mapped to one canonical form so the lexicon can list each
 * phrase once. Every replacement is a fixed point (its words map to themselves), which is what makes
 * {@link normaliseText} idempotent; the tests check that.
 */

/**
 * Apostrophe contractions, looked up before apostrophes are dropped ("i'll" is not "ill").
 * @example CONTRACTIONS["can't"] // "can not"
 */
export const CONTRACTIONS: Readonly<Record<string, string>> = {
  "can't": "can not",
  "won't": "will not",
  "shan't": "shall not",
  "ain't": "is not",
  "i'ma": "i am going to",
  "od'd": "overdosed",
  "od'ing": "overdosing",
};

/**
 * Suffixes after an apostrophe; "'s" is left to fall away (possessive or "is", either reads fine).
 * @example CONTRACTION_SUFFIXES["n't"] // " not"
 */
export const CONTRACTION_SUFFIXES: Readonly<Record<string, string>> = {
  "n't": " not",
  "'m": " am",
  "'re": " are",
  "'ve": " have",
  "'ll": " will",
  "'d": " would",
};

/**
 * One token to one or more canonical tokens: contractions typed without apostrophes, slang, typos.
 * @example SPELLINGS.kms // "kill myself"
 */
export const SPELLINGS: Readonly<Record<string, string>> = {
  // Contractions typed without an apostrophe. "ill" and "id" are left alone: both are words.
  dont: "do not",
  doesnt: "does not",
  didnt: "did not",
  cant: "can not",
  cannot: "can not",
  wont: "will not",
  wouldnt: "would not",
  couldnt: "could not",
  shouldnt: "should not",
  isnt: "is not",
  arent: "are not",
  wasnt: "was not",
  werent: "were not",
  havent: "have not",
  hasnt: "has not",
  hadnt: "had not",
  aint: "is not",
  im: "i am",
  iam: "i am",
  ive: "i have",
  youre: "you are",
  theyre: "they are",
  hes: "he is",
  shes: "she is",
  thats: "that is",
  theres: "there is",
  whats: "what is",
  // Spoken forms.
  wanna: "want to",
  wana: "want to",
  gonna: "going to",
  gona: "going to",
  gunna: "going to",
  finna: "going to",
  imma: "i am going to",
  ima: "i am going to",
  tryna: "trying to",
  gotta: "got to",
  kinda: "kind of",
  dunno: "do not know",
  idk: "i do not know",
  idc: "i do not care",
  ngl: "not going to lie",
  goin: "going",
  tryin: "trying",
  livin: "living",
  killin: "killing",
  dyin: "dying",
  thinkin: "thinking",
  feelin: "feeling",
  cuttin: "cutting",
  hurtin: "hurting",
  plannin: "planning",
  takin: "taking",
  wantin: "wanting",
  nothin: "nothing",
  somethin: "something",
  bout: "about",
  abt: "about",
  // Text speak.
  u: "you",
  ur: "your",
  r: "are",
  ppl: "people",
  every1: "everyone",
  some1: "someone",
  no1: "no one",
  noone: "no one",
  rn: "right now",
  tn: "tonight",
  tonite: "tonight",
  "2nite": "tonight",
  "2night": "tonight",
  tonigth: "tonight",
  tmrw: "tomorrow",
  tmr: "tomorrow",
  tmrrw: "tomorrow",
  tomoz: "tomorrow",
  tomorow: "tomorrow",
  tommorow: "tomorrow",
  tommorrow: "tomorrow",
  "2moro": "tomorrow",
  "2morrow": "tomorrow",
  bc: "because",
  cos: "because",
  coz: "because",
  cuz: "because",
  becuase: "because",
  becasue: "because",
  b4: "before",
  pls: "please",
  plz: "please",
  alot: "a lot",
  bf: "boyfriend",
  gf: "girlfriend",
  // Risk vocabulary: slang, euphemism and misspellings.
  kms: "kill myself",
  cba: "can not be arsed",
  fixin: "fixing",
  yeet: "yeet",
  ctb: "kill myself",
  wld: "would",
  wd: "would",
  cld: "could",
  shld: "should",
  tbh: "honestly",
  whos: "who is",
  everythings: "everything is",
  lifes: "life is",
  nothings: "nothing is",
  itll: "it will",
  thatll: "that will",
  yall: "you all",
  tryed: "tried",
  wnat: "want",
  watn: "want",
  wnt: "want",
  wan: "want",
  tride: "tried",
  attemped: "attempted",
  atempted: "attempted",
  nite: "night",
  lastnite: "last night",
  tonigt: "tonight",
  kys: "kill yourself",
  kil: "kill",
  kiling: "killing",
  myslef: "myself",
  mysefl: "myself",
  myslf: "myself",
  mysef: "myself",
  meself: "myself",
  ded: "dead",
  dieing: "dying",
  suicde: "suicide",
  sucide: "suicide",
  suiside: "suicide",
  suacide: "suicide",
  suicied: "suicide",
  suicid: "suicide",
  sucidal: "suicidal",
  suicdal: "suicidal",
  suisidal: "suicidal",
  suicidel: "suicidal",
  suicidle: "suicidal",
  unalived: "unalive",
  unaliving: "unalive",
  selfharm: "self harm",
  selfharming: "self harming",
  selfharmed: "self harmed",
  sh: "self harm",
  shing: "self harming",
  shd: "self harmed",
  od: "overdose",
  oded: "overdosed",
  oding: "overdosing",
  paracetemol: "paracetamol",
  paracetmol: "paracetamol",
  paracetomol: "paracetamol",
};

/**
 * Two tokens to one: words people split ("my self") or spell as a pun ("sewer slide").
 * @example BIGRAMS["sewer slide"] // "suicide"
 */
export const BIGRAMS: Readonly<Record<string, string>> = {
  "my self": "myself",
  "w o": "without",
  "un alive": "unalive",
  "sewer slide": "suicide",
  "any more": "anymore",
  "some one": "someone",
  "no body": "nobody",
};

/**
 * Look-alike digits in a word that starts with a letter ("k1ll", "su1c1de"). Tokens that start with a
 * digit ("4am", "30mg", "2nite") are times, doses and counts and keep their digits.
 * @example LEET["1"] // "i"
 */
export const LEET: Readonly<Record<string, string>> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t" };
