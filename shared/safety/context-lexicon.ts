/**
 * Words and phrases that change what a cue of the C-SSRS grammar (`cssrs-lexicon.ts`) means:
 * negation, who it is about, whether it is past or over, figurative uses and idioms that cancel it,
 * reports (news, fiction, study) and protective factors. Matched over the normalised words as
 * written (see `normalise.ts`), not lemmatised.
 */

/**
 * A context phrase; `kind` says what it does when found.
 * @example const phrase: ContextPhrase = { pattern: "safety plan", kind: "protective" };
 */
export interface ContextPhrase {
  pattern: string;
  kind:
    | "suppress"
    | "protective"
    | "reported"
    | "setting"
    | "self-clarifier"
    | "past"
    | "past-after"
    | "resolved-after"
    | "negator"
    | "question"
    | "recovered"
    | "recent"
    | "recurs"
    | "every-day"
    | "everyday"
    | "game"
    | "sport"
    | "joke"
    | "not-joking"
    | "hyperbole"
    | "not-everyday"
    | "real-life";
}

const of =
  (kind: ContextPhrase["kind"]) =>
  (...patterns: string[]): ContextPhrase[] =>
    patterns.map((pattern) => ({ pattern, kind }));

const PEOPLE =
  "(therapist|gp|doctor|counsellor|counselor|nurse|care team|key worker|psychiatrist|friend|mum|mom|mam|dad|partner)";

const PLACES =
  "(party|house|job|school|class|meeting|office|place|city|town|country|relationship|flat|room|hospital|work|uni|college|lecture|wedding|club|pub|bar|event|queue|shop|lesson|call|group|family gathering)";

/**
 * Every context phrase: idioms and accidents, protective factors, reports, past and negation markers.
 * @example CONTEXT_LEXICON.filter((phrase) => phrase.kind === "protective").length > 0 // true
 */
export const CONTEXT_LEXICON: readonly ContextPhrase[] = [
  // A risk phrase overlapping one of these is figurative or accidental, and is dropped.
  ...of("suppress")(
    // Hyperbole about a chore ("another meeting and i'll shoot myself"), a leap into a new job, a joke.
    "(another|one more) (meeting|zoom|call|lecture|class|email|presentation|spreadsheet|episode|advert|ad|song|match|game|shift|seminar|webinar|assembly|quiz) * (i will|i would|i am going to|i am gonna) (shoot|kill|hang|stab|drown|throw)",
    "(jump|jumping|jumped|leap|leaping) off a cliff into (the unknown|something|a new|this|it)",
    "leap of faith",
    "(can|should|could) [just] go jump (off|in)",
    "go jump in (a|the) (lake|river|sea)",
    // Everyday means: a car warmed up, a swim, a barbecue.
    "(car|cars|engine|engines) running * (to warm|warm it up|warm up|to defrost|defrost|for a minute|for a few minutes|while i)",
    "(jump|jumping|jumped|dive|diving) (in|into) the (lake|sea|river|pool|water|ocean|loch) * (hike|walk|swim|cool|cool off|hot|heat|sunny|summer|holiday|beach|friends|mates|dog|lol)",
    "(bbq|barbecue|barbeque) * charcoal",
    "(car|cars|van|vans|bike|bikes) [is|are|was] in the garage (for|because|until|till|since|getting|being|at|again|overnight)",
    "garage with (a|its|the) (flat|puncture|dent|broken|new|mot)",
    "(edge of the platform|platform edge) * (dangerous|announce|announcing|announcement|mind the gap|stand back|yellow line)",
    "will not [be] (need|needing) (it|them|any of it) [anymore] (now|since|because|as|cos|when|while|if|until|till|for)",
    "(plan|plans) (is|are|was) (sorted|set|made|ready|done|in place) (for|with) (the|my|a|our|this|next)",
    "(at|by|near) the [old|disused|local] (quarry|lake|river|canal|reservoir|cliffs|sea) * (climbing|meet|swim|swimming|walk|picnic|bbq|party|for the|with friends|with the|fishing|kayaking|paddleboarding)",
    "(arms|legs|hands) (are|is) a mess [again] (after|from|because of)",
    "(chair|stool|ladder) * (to hang|to put up|to fix|to reach|to change|to tie|to clean|to decorate|to get)",
    "(razor|razors|blade|blades) * (shave|shaving|beard|stubble)",
    "(relapse|relapsing|relapsed) (on|into|with) (cigarettes|smoking|vaping|drinking|alcohol|booze|sugar|junk food|the diet|weed|gambling|biting my nails)",
    "thoughts (are|is|were) back (about|over|regarding|to normal|on track|in order)",
    "if i (left|leave|quit|moved|move) (the|this|my) (group|group chat|chat|team|club|job|company|band|school|class)",
    "to be over * (week|day|term|semester|year|month|shift|exam|exams|meeting|flight|holiday|wedding|flu|cold|cough|migraine|headache|hangover|surgery|labour|pregnancy|pain)",
    "(taking|take|took|taken) (photos|pictures|pics|a photo|a picture|selfies|a selfie) (of|for|with)",
    "(planned|planned out|all planned) * (wedding|party|holiday|trip|birthday|surprise|day out|menu|route|event|itinerary|meal|dinner|hen do|stag do)",
    "(wedding|party|holiday|trip|birthday|surprise|day out|menu|route|event|itinerary|meal|dinner) * (all planned|planned out|planned)",
    "(all|it will all|it will|it is all|it) be over * (exam|exams|test|tests|interview|shift|term|semester|meeting|flight|surgery|op|appointment|wedding|holiday|deadline|deadlines|freedom|results)",
    "(exam|exams|test|interview|shift|term|semester|meeting|flight|surgery|op|appointment|deadline|deadlines|results) * (it will all be over|all be over|it will be over)",
    "(end|ending|ended|finish|finishing|cancel|cancelling) (it|it all|things) * my (gym|membership|subscription|contract|phone|account|relationship|job|diet|streak|course|degree)",
    "charcoal (for|on) the (bbq|barbecue|barbeque|grill)",
    // Pain hyperbole: a body that hurts, not a wish to die.
    "(cramps|cramp|migraine|migraines|headache|toothache|hangover|sunburn|contractions|period pain|back pain|stomach ache|tummy ache|earache|kidney stone|kidney stones) * (i want to die|want to die|i could die|i am going to die|i am gonna die|dying)",
    "(i want to die|want to die) * (cramps|cramp|migraine|headache|toothache|hangover|period pain|back pain|stomach ache)",
    // A song's or an album's words, quoted or described.
    "(lyrics|lyric|the line|chorus|track about|song about|songs about|album about|song called|track called|song titled) * (i want to die|i want to kill myself|want to die|wanting to die|kill myself|killing myself|end my life)",
    "(hide|hiding|hid|cover|covering|covered) my (arm|arms|leg|legs|thigh|thighs|wrist|wrists) * (sunburn|sunburnt|tattoo|tattoos|eczema|psoriasis|rash|acne|hair|fat|weight|cold|bruise|bruises)",
    "what i (did|do) (at|in|during) (the|my|a) (gym|class|match|game|training|session|workout|run|yoga|shift|garden|allotment)",
    "ready for (a|the|my|some|dinner|lunch|breakfast|bed|work|school|coffee|tea|food|this|that|christmas|summer|holiday|the weekend)",
    "not (getting|get|going to get) on (a|the|any) (train|bus|plane|flight|ferry|tube) (because|cos|as|since|due|till|until|today|with|they)",
    "(at|on|to|by) the (bridge|station|tracks|river|canal|sea|roof|cliff|car park|platform) * (to meet|to see|to pick|to collect|to watch|for the|for a|with my|with the|with friends)",
    "(fault|blame) (the|that|for the|for that) (match|game|train|bus|flight|party|meeting|event|vase|car|dog|cat|milk|delay|mess|plan|plans)",
    "bleeding (a lot|loads|heavily|so much|badly) (after|from|since) (giving blood|donating blood|a blood donation|a blood test|my blood test|a nosebleed)",
    "(fixing|fix|fixed|repairing|repair|working on|servicing|washing|cleaning|checking) (the|my|our|his|her) (car|engine|van|bike|motorbike)",
    "(just|already) (took|taken|had) my (meds|medication|antidepressants|tablets|pills|dose|morning meds|evening meds|prescription) (feeling|like|as|on time|for|this|and feel|with|so|now)",
    "edge of the (pool|bed|sofa|seat|stage|bath|diving board|road|pavement|kerb|curb|table|desk|pitch|field)",
    "the (night|day) * (date|party|wedding|gig|concert|match|game|show|exam|interview|birthday|premiere|launch|final|results)",
    "end of (the road|an era|the line) for (my|the|our|his|her|this|that)",
    "the end of (an era|the day|the week|term|the month|the year|the season|the series|the book|the film|the show|the holidays)",
    "(on|at) the edge of (my|your|our|their|his|her) seat",
    "(bottle|glass|jug|flask|pint|cup|mug) of (water|juice|milk|squash|pop|coke|tea|coffee|smoothie|lemonade|fizzy)",
    "(get|be|feel) better than (this|that|ever|today|now)",
    "(nothing|no) to look forward to (at|in) (work|school|class|the office|uni|college)",
    "(want to|wanna|gonna|going to|could|about to) die * (tripped|fell over|embarrassing|embarrassed|cringe|so awkward|my crush)",
    "gone (on|for|to|abroad|away|travelling|traveling|camping|out)",
    "bleeding * (tooth|teeth|gum|gums|nose|lip|period|dentist|extraction|wisdom)",
    "bleeding (a lot|loads|heavily|so much|badly) (after|from|since) (my|the|a) (tooth|teeth|gum|gums|nose|lip|period|dentist|extraction|wisdom tooth|op|operation|surgery|injection|blood test)",
    "(goodbye|bye) * see you",
    "(hurt|hurting|cut|cutting|burn|hit|hitting|punch|stab|harm|harming) (him|her|them|you|someone|somebody|people|my brother|my sister|my dad|my mum|my mom|my ex|my boss)",
    "is (self harm|self harming|suicide|cutting|suicidal thoughts|overdose) (common|normal|usual|rare|more common|treatable|hereditary|genetic|a sign|a symptom)",
    "(swim|swimming|swam|dip|dipping|paddle|paddling|surf|surfing) in the (sea|river|lake|ocean|water|waves)",
    "(overdose|overdoses) (management|cases|case|patients|patient|calls|protocol|protocols|ward|unit|training|antidote|response|reversal|lecture|module|risk|risks)",
    "(deal with|dealing with|treat|treating|see|seeing|manage|managing|respond to|responding to) (overdose|overdoses|suicide attempts|self harm)",
    "(end|ending|ended|finish|finishing) (it|things|it all) (tonight|today|now|soon) with",
    "goodbye to (my|the|our|this) [old] (flat|house|home|job|school|office|car|city|town|team|uni|life in|hair|phone)",
    "(climbing|camping|sailing|boat|tent|skipping|abseiling|tow|towing|washing|bungee|new climbing) rope",
    "rope (swing|ladder|bridge|course|burn|light|lights)",
    "rope [today|yesterday|online] (for|at|in) [the|a|my|some] (climbing|camping|sailing|boat|tent|swing|tug of war|washing line|skipping|abseiling|garden|gym|boat|dog|trip|wall|bouldering|course)",
    "(taken|took) them (to|for|out|back|home|with|off|in|on|round|into|there|shopping|swimming)",
    "(nose|gum|gums|lip|finger|knee) (be|is|was|keeps) bleeding",
    "(cut|cutting|burnt|burned|burn|hurt|hit) myself (shaving|chopping|cooking|slicing|peeling|opening|gardening|baking|ironing|by accident|accidentally)",
    "(cut|cutting|burnt|burned|burn|hurt|hit) myself on (a|the|some|my|broken|an)",
    "(hurt|injured) myself (at|playing|doing|running|lifting|in) ",
    "accidentally (cut|burnt|burned|hurt|hit|killed) myself",
    "(nearly|almost) (killed|kill) myself (on|tripping|falling|laughing|in|at|doing|playing|running|with|getting|trying)",
    "(killed|kill|killing) myself laughing",
    "(die|died|dying|dead) (of|from) (embarrassment|shame|boredom|laughter|laughing|cringe|cuteness|happiness|jealousy)",
    "(die|died|dying) laughing",
    "to die for",
    "dying (to|for) (see|go|know|try|meet|get|have|hear|watch|a)",
    "(overdosed|overdose|od) (on|of) (chocolate|sugar|caffeine|coffee|cake|sweets|candy|carbs|netflix|tv|love|easter eggs|pizza|crisps|cheese|christmas|memes)",
    "suicide (squad|doors|door|run|runs|drills|sprints|mission|missions)",
    "drown myself in (work|coffee|tea|wine|paperwork|books|music|study|studying|revision|tv|netflix|chocolate|my sorrows|sorrows|games|emails|homework)",
    "bridge (club|game|games|night|tournament|party|lesson|lessons|player|players)",
    "disappear (to|for a|for the|for|off|on|abroad|into the countryside|somewhere)",
    "(jump|jumping|jumped) out of (a|the) (plane|aeroplane|airplane|helicopter)",
    "(dog|cat|pet|rabbit|hamster|kids) * (while|whilst|until|during) (i|we) (move|moving|am away|be away|go away|travel|am on holiday|go on holiday|settle|am at|am abroad|are abroad|am travelling|am traveling|am in hospital|am working away|go abroad)",
    "(on|at) the (bridge|roof) * (traffic|queue|jam|stuck|view|sunset|photo|photos|walk|run|cycle|cycling|bus|train|car)",
    "(die|dying|died) (in|with) (your|his|her|their) arms",
    "(tired|sick|weary) of (living|live) (in|with|at|near|on|by|here|there|alone|together|at home|out of)",
    "(shoot|shot|shooting) myself in the foot",
    "want to live (in|with|at|near|there|abroad|on|alone|together|here|somewhere|by)",
    "(end|ending|ended|finish|finishing) (it|things) with",
    // Idioms: death words that mean tired, delighted, embarrassed, in trouble or out of charge.
    "(kill|killing|killed) for (a|an|some|the)",
    "(is|are|was|were|it is|that is) (killing|killed) me",
    "(kill|killed|killing) (the|those) (lights|light|engine|music|mood|vibe|noise|tv|radio)",
    "dead (tired|serious|on|set|ringer|beat|end|loss|heat|easy|good|cute|funny|lucky|cool|nice|jealous|proud|excited|keen|chuffed|happy|sure|right|simple|quiet|boring|posh|fit|sweet|gorgeous|rich|smart|clever|pretty|inside lol)",
    "(die|dying|died) (my|her|his|your|their|the) (hair|beard|eyebrows|clothes|jeans|shirt|fabric|roots|fringe)",
    "(rather|sooner) die than",
    "roof (terrace|garden|bar|top bar|party|deck)",
    "rooftop (bar|party|terrace|garden|pool|restaurant)",
    "(miss|notice) me (at|in|on|from) (the|this|that|a|my|work|school|class)",
    "life (admin|stuff|chores|hack|hacks|goals|update|lately)",
    "last (day|night|week) (at|of|in|before|off|out|with|on|together|here|there|as)",
    "drop dead (gorgeous|beautiful|handsome)",
    "(phone|battery|laptop|car|plant|plants|charger|tablet|ipad|computer|torch|remote|mouse|keyboard|headphones|airpods|flowers) (is|are|was|were|has|had|just|went|keeps|kept) (dead|died|dying|dying on me|flat)",
    "(phone|battery|laptop|plant|charger|tablet|computer) died",
    // "phone's on 1% and about to die": the battery's, said with its charge.
    "(phone|phones|battery|batterys|laptop|laptops|tablet|tablets) [is] (on|at) <num> [and|so] (about to die|going to die|gonna die)",
    // "had to jump start the car in the garage": the car's battery.
    "jump (start|started|starting|starts) [the|my|a|her|his|our|mum s|dad s] (car|van|engine|battery)",
    "jump (start|started|starting|starts|leads)",
    // "cutting down on caffeine": less of something, not a cut.
    "(cut|cutting|cuts) down on",
    "(die|died|dying|dead) (of|from|with) (laughter|laughing|embarrassment|shame|boredom|cringe|cuteness|happiness|jealousy|excitement|hunger|thirst|heat|envy)",
    "(dying|die) (to|for) (a|an|some|see|go|know|try|meet|get|have|hear|watch|tell|find|read|eat|play)",
    "(killed|kill|killing|smashed|nailed) (it|that)",
    "kill two birds",
    "(murder|murdered) (a|an|some)",
    "(so|totally|literally|basically) dead",
    "(deceased|ded)",
    "(will|would|is going to|is gonna|going to) kill me (if|when|for)",
    "if looks could kill",
    "(going to|gonna) die (of|from) ",
    "(jump|jumping|jumped) (on|onto) (a|the) (train|bus|plane|call|bandwagon|trampoline|bed|bike)",
    "(jump|jumping|jumped|jumps) (at|for) (the|a|joy|it)",
    "(jump|jumping|jumped) (in|into) (the|a) (pool|shower|bath|car|taxi|queue|conversation)",
    "(jump|jumping|jumped) (rope|ship|start|the gun|the queue|to conclusions|through hoops|up and down)",
    `(be|being|am|is) (here|there) (at|in) (this|the|that|a|my|his|her|their) ${PLACES}`,
    "(date|rope|pills|tablets|will|hose|hosepipe|charcoal|helium|knife|blade|blades) for (the|a|an|my|our|his|her|their|work|school|dinner|lunch|drinks|charity|camping|climbing|the garden|a party|cooking|balloons)",
    "to (watch|see|photograph|take photos of|take pictures of|spot) (the|a|some)",
    "drown (out|my sorrows)",
    "point (of|in) (this|that|the|these|those|my|homework|school|work|exams|studying|revising|algebra|maths|math|arguing|asking|it if|going to|doing this|doing that|doing it|doing homework)",
    "(give|gave|giving) up on (this|the|that|my) (homework|puzzle|diet|game|essay|exam|project|level|book|show|team|idea)",
    "(cut|cuts|scratches) (on|all over) my (arm|arms|leg|legs|hand|hands) from (the|a|my)",
    "never be happy (with|about) (my|the|this|it|how|that)",
    "(stop|stopped|stopping) living (for|in|with|like|at|on|my life for)",
    "my will to (include|add|reflect|cover|leave)",
    "other side of",
    "(wake|waking|woke) up (early|till|until|before|at|in time)",
    "(keep|keeping) going (to the|to work|to school|to class|to my|to uni|to college|to the gym|back|with|for|at)",
    "(self harm|suicide|cutting|overdose) (is|was|can be) (a|an|common|often|usually) (coping|common|sign|symptom|way to cope|mechanism|mental|leading|problem|issue|topic)",
    "(cut|scratched|burnt|burned|grazed|caught) my (arm|arms|leg|legs|hand|hands|finger|fingers|knee|knees|wrist|foot|feet|thumb|elbow|shin|face) on (a|the|some|my|an)",
    "(prescription|prescriptions|tablets|pills|meds|medication|medicine) (to|back to|into|from) the (pharmacy|chemist|chemists|doctor|doctors|gp|surgery|hospital pharmacy)",
    "(rope|ropes|gun|tablet|tablets|pill|pills|prescription|meds|medication) (is|was|are|were) ready (for|to)",
    "(end|ending|ended) it all (with|on) (a|an|the)",
    "(box|packet|bottle|tub|pack|bag|jar) of (chocolates|chocolate|biscuits|crisps|sweets|wine|beer|cereal|cookies|candy|pringles|cake|ice cream|popcorn|doughnuts|donuts|haribo)",
    "(overdose|overdoses|suicide|suicides|self harm) (damages|causes|symptoms|treatment|rates|statistics|awareness|prevention|kit|kits|hotline|helpline)",
    "overdose (damage|can damage|is dangerous|can kill|can cause)",
    "(overdose|overdoses) (deaths|death rate|death rates|epidemic|crisis|figures|numbers)",
    "overdose (had|has|have) (damaged|caused|affected)",
    "(managing|manage|treating|treat) (paracetamol|opioid|aspirin|drug|an|a) overdose",
    "(through|to|for) the night (shift|out|bus|train|class|shifts)",
    "(life|lifes) (little|dramas|problems|admin|lessons)",
    "(set|picked|pick|set up|have) a date (with|for)",
    "(date|day) (with|for) (my|the|a|our|his|her)",
    "(give|gave|giving|given) up (sugar|smoking|drinking|chocolate|meat|caffeine|coffee|alcohol|booze|vaping|social media|my seat|on the diet)",
    "(now and then|now and again|for now|by now|until now|up to now)",
    "(hang|hanging|hung|hangs) out",
    "(hang|hanging|hung) (the|my|up|in there|on)",
    "(cut|cutting|cuts) (my|his|her|the|some|their) (hair|fringe|nails|fingernails|grass|hedge|lawn|onion|onions|bread|cake|losses|ties|ties with|costs|carbs)",
    "cut (down|back) on",
    "(overdose|overdosed|overdosing|od|oding) on (chocolate|sugar|caffeine|coffee|cake|sweets|candy|carbs|netflix|tv|love|pizza|crisps|cheese|memes|tiktok|cuteness|vitamin)",
    "(my|the) (fingers|feet|legs|back) (are|is) killing me",
    "(killing|killed) (time|it)",
    "(dying|died) (down|out|away|off)",
    "(die|dying) (hard|young)",
    "dye",
    // A count of days free: "500 days sh free today" (an urge beside it is read on its own).
    "(self harm|harm|harming|cutting|cut|sh|suicidal thoughts|suicide attempt) free",
  ),
  // Reports: a story, the news, a lesson or a study. Cues with no named subject in such a sentence
  // are about someone else; "i want to kill myself" in one is still the writer's.
  ...of("reported")(
    "(album|track|tune|chorus|verse|quote|meme|rap|band|singer|playlist)",
    "(revising|revision|exam|exams|pharmacology|nursing|placement|novel|book|film|movie|show|series|episode|song|game|story|character|documentary|article|news|paper|essay|class|lesson|lecture|study|studying|assignment|podcast|play|poem|hamlet|romeo|juliet|prevention|awareness|statistics|research|course|module|training|charity|campaign|tv|netflix|anime|manga|lyrics|dissertation|thesis|report|textbook)",
    "how (do|can|should) i (support|help) ",
    "(write|wrote|written|writing|read|reading|research|researching|researched) (about|on|into)",
    "(asked|ask|asking|told|tell) (me|us|them) about",
    "is it (normal|common|ok|okay|usual) to",
    "(common|normal|usual) in (teenagers|teens|young people|people|students|men|women)",
    "(a|my) (friend|client|patient|student|classmate|colleague) who",
  ),
  // A clinician's shift or a student's course: a method, means or preparation named in the same
  // sentence with no word for the writer is the work's ("three overdoses came in", "lethal doses").
  ...of("setting")(
    "(shift|night shift|on the ward|my patients|a patient|the patients|my caseload)",
    "i am a (gp|nurse|doctor|paramedic|pharmacist|medic|carer|care worker|social worker|therapist|counsellor|counselor|psychiatrist|psychologist|police officer|firefighter|student nurse|medical student|nursing student|pharmacy student)",
    "(i prescribe|we prescribe|studying|revising|toxicology|pharmacology|my pharmacy|my nursing|my medical)",
    "for my (exam|exams|pharmacy exam|course|module|assignment|dissertation|essay|coursework|placement)",
    // "Three overdoses before midnight", "pharmacy lab today…", "in resus tonight".
    "(<num>|several|many|multiple|a few|a couple of|a couple) overdoses",
    "(resus|triage|the ed|emergency department|ward round|ward sister|pharmacy lab|nursing lab|the lab|lab today|nursing lecture|lecture today|naloxone|narcan|coroner|coroners)",
  ),
  // Anywhere in a message: the person or "someone" spoken of is the writer ("i mean me", "asking for myself").
  ...of("self-clarifier")(
    "(i mean|i meant|meaning|by that i mean|by someone i mean|i am talking about) (me|myself)",
    "(asking|ask|asked|i am asking) for (me|myself)",
    "for (me|myself) i am asking",
    "(the friend|my friend|this friend|someone|the person) (is|was) (me|actually me|really me)",
  ),
  // Lower a medium score; never lower an explicit intent, plan or attempt below high.
  ...of("protective")(
    "(glad|happy|grateful|thankful) (to be|i am|i am still) (alive|still here|here)",
    "alive and (glad|well|happy|grateful|thriving|kicking)",
    "(celebrating|celebrate)",
    "(got|landed|started|get) (my|a) (dream|new) job",
    "(have|got|think of|thinking of|think about|thinking about) my (kids|children|son|daughter|boys|girls|family|baby|babies|partner|wife|husband|pets|dog|cat|mum|mom|mam)",
    "(safety|crisis) plan",
    `(called|rang|phoned|texted|spoke to|speaking to|talked to|talking to|going to call|will call|reached out to|contacted) (samaritans|the samaritans|988|111|116 123|a helpline|the helpline|the crisis line|the crisis team|my ${PEOPLE})`,
    "i am safe",
    "(getting|got|get|asked for|reached out for|seeking) help",
    "(reasons|reason) to (live|stay|keep going)",
    "(would|will) never act on",
    "(much|lot|lots) better place",
    "(things are|i am|everything is) (doing better|better|getting better|improving) now",
    "(i am|im|things are) (doing|feeling) (well|much better|a lot better|better|okay|ok|good) now",
    "(i am|i am feeling|things are) (okay|ok|fine|good|alright) now",
    "(therapy|medication|counselling|counseling|treatment|it) (really|has|have) [really] helped",
    "(proud|happy) of how far i",
    "(years|months|weeks) clean",
    "(have|has|had) (gone|stopped|eased) since",
    "(been|was|am) clean (for|since)",
    "(started|starting|on) [my] (meds|medication|antidepressants|therapy|counselling|counseling)",
    `(appointment|session) with my ${PEOPLE}`,
  ),
  // Anywhere in a sentence: it is said of the past ("years ago i tried…").
  ...of("past")(
    "(year|years|month|months|day|days|week|weeks) since (my|the|i)",
    "(scars|scar|marks|cuts) * (are|is|were) (old|faded|healed|white|silver)",
    "used to (think|feel|believe|want|wish|say)",
    "(clean|free|sober) <num> (days|weeks|months|years)",
    "in (1990|1991|1992|1993|1994|1995|1996|1997|1998|1999|2000|2001|2002|2003|2004|2005|2006|2007|2008|2009|2010|2011|2012|2013|2014|2015|2016|2017|2018|2019|2020|2021|2022|2023|2024|2025)",
    "(after|following) (an|my|a) (overdose|attempt|suicide attempt) (in|years|months|when)",
    "(years|year|months) ago",
    "(last|a|one|two|three|several|many) year ago",
    "last year",
    "in the past",
    "back then",
    "back when",
    "(years|a few years|a couple of years|some years|a while|ages) back",
    "there was a time",
    "i remember when",
    "the old me would",
    "old (self harm|sh) (scars|scar|marks)",
    "(tell|telling|told|share|sharing|shared) my story",
    "about the time (i|when i)",
    "when i was (a kid|little|young|younger|a teenager|a teen|at school|in school|<num>|in my teens|at uni|in year|suicidal|depressed|ill|unwell|in a dark place|at my worst|struggling)",
    "as a (kid|teen|teenager|child)",
    "in my (teens|twenties|past)",
    "in my (early|late|mid) (teens|twenties|thirties|forties|fifties)",
    "in my (thirties|forties|fifties|sixties|seventies)",
    "in the (seventies|eighties|nineties|70s|80s|90s|1970s|1980s|1990s|2000s)",
    "(years|months|weeks) (clean|free|sober)",
    "(clean|free) (for|since) ",
    "(attempted|tried) (before|previously|once before)",
    "(clean|free|recovered|recovering) from",
    // "2 yrs since i last burned myself" ("…and i'm close to doing it again" is back, not past).
    "since i last",
  ),
  // After a risk phrase in the same sentence: it is in the past ("when i was 16"), or over ("have gone").
  ...of("past-after")(
    "in (1990|1991|1992|1993|1994|1995|1996|1997|1998|1999|2000|2001|2002|2003|2004|2005|2006|2007|2008|2009|2010|2011|2012|2013|2014|2015|2016|2017|2018|2019|2020|2021|2022|2023|2024|2025)",
    "when i was (a kid|little|young|younger|a teenager|a teen|at school|in school|<num>)",
    "(years|months) ago",
    "in the past",
    "back then",
    "as a (kid|teen|teenager|child)",
  ),
  ...of("resolved-after")(
    "[i] said (no|never|not really)",
    "not (anymore|now|any more)",
    "(have|has|had) (gone|stopped|passed|eased|faded)",
    "(went|gone) away",
    "(are|is) (gone|over|behind me)",
    // "…have pretty much gone", "…have been gone for a year", "…are long gone".
    "(have|has|had|are|is) (pretty much|mostly|all but|long|completely|totally|been|now) (gone|stopped|passed|eased|faded|over)",
    // "…has never once crossed my mind", "…is not on the table", "…is not something i would consider".
    "(has|have) never [once|ever|really] (crossed my mind|been an option|been on the table)",
    "(is|are) not (on the table|an option|in my life)",
    "(is|are) not something i would [ever] (consider|do|think about|contemplate)",
  ),
  // Before a risk phrase, through FILLERS only: "no plans to hurt myself", "no longer suicidal".
  ...of("negator")(
    "not",
    "never",
    "no longer",
    // "no, nothing like wanting to die".
    "nothing like",
    // "not having any thoughts of harming myself", "not in a hurt-myself way", "not the type to".
    "(not having|not had|have not had|have not been having) [any] (thoughts|thought|urges|urge) (of|about|to)",
    "not (in a|a|the type to|the kind to)",
    "(no|zero|0) (plans|plan|intention|intent|desire|wish|urge|urges|thoughts|thought|intentions) [of|to|about]",
    "(have|has|had) not",
    "would not ever",
    "not (thinking|planning|going)",
    // "zero suicidal thoughts", "never once thought about it", "not having any thoughts of…".
    "(zero|never once|not once|not even once)",
    "not having [any]",
    "(have|has) not had [any]",
  ),
  // A sentence that reports a screener's question ("my gp asked if i had thoughts of ending my life"):
  // a plain "no" answering it ("…and honestly no", "… no, i don't") denies the cue it asked about.
  ...of("question")(
    "(asked|asks|ask|asking) [me] (if|whether|about)",
    "(form|questionnaire|screener|survey|check in|app|assessment) (asked|asks|asking|wants to know)",
    "to answer the (check in|question|questionnaire|form|screener)",
  ),
  // Said of the writer now, beside something said in the past tense: the past is over ("i wanted to
  // die at 19. i am 34 now and so glad i stayed"). Never read when the message also names a recent time.
  ...of("recovered")(
    "(glad|grateful|thankful|happy) i (stayed|survived|stuck around|held on|held out|did not|am still here|am alive|am here|lived|made it|got help|got through)",
    "(glad|grateful|thankful) to (be alive|be here|be still here|have survived|have stayed)",
    "(doing|i am doing|am doing) (well|really well|so well|great|much better|a lot better)",
    "(i am|things are|life is) (well|good|great|decent) these days",
    "(therapy|treatment|medication|the meds|meds|counselling|counseling|the right meds|dbt|cbt) (works|worked|helped|saved|changed)",
    "(in|at) a (good|better|much better) place",
    "(long|well|firmly) behind me",
    "(out|through) the other side",
    "(those|these) (days|years|times|thoughts) (are|were) [well|long] behind",
    "not in that (place|headspace|state|mindset) (anymore|any more|now)",
    "(i want|wanting) to live",
    "life (is|has been) (good|decent|great|better|lovely|okay|ok|full)",
    "(a different|another) person",
    "(somebody|someone) elses life",
    "(volunteer|volunteering|i volunteer) (on|at|for|with)",
    "(discharged me|been discharged|got discharged|was discharged)",
    "(got married|graduated|planning my wedding|finishing my|became a (dad|mum|mom|father|mother|grandad|grandma|nurse|teacher))",
    "i am (a|now a) (father|mother|dad|mum|mom|grandad|grandma|granddad|nan)",
    "(things|life) (really|do) [do] change",
  ),
  // A sentence about a video game or a board game: what happens in it is not the writer's life.
  ...of("game")(
    "(in|on) (the|this|that|a|my) (game|boss fight|final level|lava level|match)",
    "(this|the) game (hates|is|keeps)",
    "(elden ring|minecraft|zelda|fortnite|roblox|mario|the sims|gta|call of duty|skyrim|dark souls|valorant|apex|lemmings|among us|overwatch|pokemon|halo|tetris)",
    "(respawn|respawning|checkpoint|speedrun|speedrunning|my character|my avatar|chess|checkmate)",
  ),
  // A sport or pastime in the sentence ("bungee jumping off a bridge", "the 10m diving board", "wild
  // swimming in the loch", "rope for the tyre swing"): a jump, a swim, a rope or an edge is the
  // pastime's. Read only for those cues (`match-context.ts`), never for a wish, a plan or a goodbye,
  // nor beside a "not-everyday" finality ("…and never come up").
  ...of("sport")(
    "(bungee|bungy|skydive|skydiving|paragliding|coasteering|abseil|abseiling|bouldering|belay)",
    "(diving|high|top|springboard|5m|10m|5 m|10 m|5 metre|10 metre) (board|boards|platform)",
    "(wild|cold water|open water|sea|lake|loch|river) (swim|swimming|dip)",
    "(went|go|going|been) (swimming|for a swim|for a dip)",
    "(climbing wall|lead climbing|rock climbing|outdoor climb|first climb|harness|carabiner|carabiners)",
    "(tyre|tire|rope) swing",
    "(polar plunge|cold plunge|ice bath)",
    "(tarp|tarpaulin|tent|tent pegs|guy ropes|guylines|guy lines|washing line|clothesline|clothes line|roof rack|luggage|woodpile)",
  ),
  // Laughter or a joke marker, with a trivial trigger in the sentence ("one more meeting and i'll walk
  // into the sea lol"): hyperbole. Never when the writer says they are not joking.
  ...of("joke")("(lol|lmao|lmfao|haha|hahaha|ha ha|jk|just kidding|joking|kidding|affectionately)"),
  ...of("not-joking")("(not|no|never) [even] (joking|kidding|joke|jk)", "(serious|seriously) (this time|now)"),
  ...of("hyperbole")(
    "(hear|play|plays|sing|sings|playing) (that|this|the) song",
    "one more (meeting|zoom|call|email|emails|song|spreadsheet|toolbox talk|lecture|sermon|icebreaker|episode|advert|ad|question|form|forms|team building|group project|assembly|quiz|seminar|webinar)",
    "(is|was|are|went) (down|broken|slow|crashed) again",
    "(wifi|internet|printer|laptop) (is|was|keeps)",
  ),
  // "Not a day goes by that I don't want to die": a double negative, so every day. A negation in that
  // sentence does not deny the cue.
  ...of("every-day")(
    "(not a|no|never a|there is not a|there is no) (day|night|week|moment|minute|hour|morning) (goes by|passes|went by|passed|go by|pass) [that|when|where|without]",
  ),
  // It is back now ("…and it's back", "did it again last night", "relapsed"): nothing in the message is
  // then said only of the past. "Never again" is read apart, in `contextOf`.
  ...of("recurs")(
    "again",
    "(is|are|it is|they are|come|comes|came|coming|has come|have come|creeping) back",
    "(relapse|relapsed|relapsing)",
    "still (want|wanting|wish|wishing|think|thinking|do|am|get|getting|have the|cut|cutting|hurt|hurting|feel like)",
  ),
  ...of("recent")(
    "(last night|yesterday|this morning|this afternoon|this evening|tonight|earlier|just now|an hour ago|hours ago|minutes ago|this week|last week|few days ago|couple of days ago|days ago|at the weekend|on the weekend|this weekend|right now|this month|last month|weeks ago)",
  ),
  // An everyday reason for goodbyes, giving away and paperwork (a move, a last day at work, a
  // retirement): a preparation or farewell is then not risk, unless something else in the message is.
  ...of("everyday")(
    "(moving|move|moved|relocating|emigrating) (to|house|home|flat|flats|out|abroad|schools|school|country|countries|city|cities|jobs|job|in with|back home|back to)",
    "(the|our|my|a) (move|relocation|new flat|new house|new job|new school|retirement|leaving do|leaving party|graduation|erasmus|year abroad|masters)",
    "(last day|final day) (at|of|in) (work|the office|school|uni|the job|my job)",
    "last day (today|tomorrow|on friday)",
    "(retiring|retired|flying home)",
    "after <num> years",
  ),
  // A move said of dying ("moving to a better place", "leaving for good"): no everyday reason then.
  ...of("not-everyday")(
    "(better place|the other side|heaven|for good|forever|for ever|permanently|not be around|not be here|where i am going|the last time|final goodbye|last goodbye)",
    "(never|not|will not|am not) (come|coming) (up|back|home|out)",
    "this is it",
  ),
  // "Not in the game, in real life": a game named beside real life is no game.
  ...of("real-life")("(real life|irl|for real|in reality|not a game|not the game)"),
];

/**
 * Words that may stand between a negator (or "used to") and the phrase it governs: "i do not
 * [really ever] want to die", "i would never [ever] kill myself". Deliberately not "and", "but", "i
 * am not ok i want to die": a negator in an earlier clause must not reach a later one.
 * @example FILLERS.has("really") // true
 */
export const FILLERS: ReadonlySet<string> = new Set(
  "i am is are was were be been being have has had do does did will would could should can might may must shall going to want wanted really ever even actually honestly seriously truly any anything feel feeling like just about of the a so that try trying intend intending plan planning able thinking think thought considering consider got ive".split(
    " ",
  ),
);

/**
 * How many filler words a negator may reach across.
 * @example // "i would not ever really want to die": "not" reaches "want to die" across two fillers
 */
export const NEGATION_REACH = 4;

/**
 * Tokens that name the writer, for phrases with no subject of their own.
 * @example FIRST_PERSON.has("me") // true
 */
export const FIRST_PERSON: ReadonlySet<string> = new Set(["i", "me", "my", "myself", "mine", "id", "im"]);

/**
 * Tokens that name someone else: reported risk is medium at most, news and stories low.
 * @example OTHER_PERSON.has("friend") // true
 */
export const OTHER_PERSON: ReadonlySet<string> = new Set(
  "he she they him her them his hers their you your friend friends mate mates bestie boyfriend girlfriend partner husband wife mum mom mam dad brother sister son daughter cousin uncle aunt auntie nan gran grandad grandma grandpa someone somebody people person man woman guy girl boy kid kids child children student students colleague colleagues character celebrity patient patients client clients classmate flatmate roommate who we us our dog cat pet plant phone battery grandad grandma granddad nana nanny".split(
    " ",
  ),
);

/**
 * How far back to look for the person a subjectless phrase is about.
 * @example // "my friend said she wants to die": "she" is two words back
 */
export const SUBJECT_REACH = 6;

/**
 * Laughter marks a second-hand report as likely hyperbole; it never softens the writer's own words.
 * @example isLaughter("hahaha") // true
 */
export function isLaughter(token: string): boolean {
  return (
    token === "lol" ||
    token === "lmao" ||
    token === "lmfao" ||
    token === "rofl" ||
    token === "jk" ||
    token.startsWith("haha") ||
    token.startsWith("hehe")
  );
}
