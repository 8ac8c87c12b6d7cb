// The language of claims, kept in one place: what makes a sentence assert
// that a treatment works, how writers point at evidence without citing it,
// hedges, negation, and calibrated rewrites for absolute wording. English
// frames only; which terms are treatments comes from the glossary.

/** Glossary categories that name a treatment. */
export const TREATMENT_CATEGORIES = new Set(['therapy', 'technique', 'medication']);

/** Generic words for a treatment, for sentences that name none from the glossary. */
export const TREATMENT_WORDS =
  /\b(?:therap(?:y|ies)|treatments?|clients|patients|psychotherap(?:y|ies)|counsel+ing|interventions?|medications?|medicines?|antidepressants?|drugs?|programmes?|programs?|techniques?|approach(?:es)?|methods?|exercises?|mindfulness|meditation|sessions?|apps?|courses?|support|groups?|packages?|services?|modalit(?:y|ies)|analysis|hypnosis|coaching|workshops?|talking)\b/i;

/** A sentence that starts with a pronoun for a treatment named nearby ("It works", "This helps"). */
export const PRONOUN_SUBJECT = /^\W*(?:(?:\w+ ){0,4}(?:it|this|they|these|that)|such (?:therapy|treatment)|the (?:benefits|effects|improvements|gains|results|changes|outcomes))\b/i;

/**
 * Outcome predicates: a treatment works, helps, improves, reduces, treats,
 * cures, benefits, outperforms, is as effective as, leads to lasting change.
 */
/** After "help (someone) ...": these verbs are about understanding or process, not outcomes. */
const PROCESS_VERBS = String.raw`(?:hope|uncover|write|spot|keep track|set|create|build|practise|practice|try|access|use|put|take|start|fill|complete|read|agree|arrange|book|sort|navigate|understand|explore|learn|notice|see|reflect|talk|think|make|express|identify|examine|become|decide|choose|find|plan|prepare|know|figure|develop|work|look|discover|recognise|recognize|consider|prepare|get to know|ask|answer|describe|connect|decide)`;
const PEOPLE_WORD = String.raw`(?:people|patients|clients|students|employees|workers|parents|mothers|fathers|women|men|girls|boys|kids|you|those|individuals|children|adults|adolescents|teenagers|couples|families|veterans|survivors|sufferers|them|us|me|him|her)`;
const PEOPLE = String.raw`(?:(?:many |most |some |all )?${PEOPLE_WORD})`;

export const OUTCOME = new RegExp(
  [
    // "works", "worked", "can work": a verb, not "the work of" or "works by ...".
    String.raw`\bwork(?:s|ed)\b(?! (?:by|through|on|with|as|in|at|out|of|together|alongside|toward|towards)\b)`,
    String.raw`\b(?:can|will|does|do|to|may|might|could|should|really|actually) work\b(?! (?:by|through|on|with|as|out|together|alongside)\b)`,
    String.raw`\b(?:is|are|was|were|be|been|being|proven|shown|found|prove|proves|remains?)(?: to be)?(?: (?:highly|very|more|most|equally|as|just as|so|particularly|especially|extremely|remarkably|similarly))? (?:effective|efficacious)\b`,
    String.raw`\b(?:effective|efficacious)(?= (?:for|in|at|against|treatments?|therap(?:y|ies)|interventions?|ways?|approach(?:es)?|options?|methods?|tools?|alternatives?)\b)`,
    String.raw`\beffectively (?:used to )?(?:treats?|reduces?|manages?|relieves?|helps?)\b`,
    // "helps (people) recover": help plus a verb that is not about understanding or process; not "self-help".
    String.raw`(?<![-\w])help(?:s|ed|ing)?\b(?= (?:(?!(?:to )?(?:${PROCESS_VERBS}|${PEOPLE_WORD}|many|most|some|all)\b)(?:to )?[a-z]+\b(?<!\b(?:the|a|an|your|their|our|his|its|this|that|these|those|in|on|at|for|of|by|as|and|or|but|is|are|was|were|be|been|can|will|would|should|may|might|must|do|does|did|has|have|had|desk|line|page|button|library|section|guide|centre|center)\b)|${PEOPLE} (?!(?:to )?${PROCESS_VERBS}\b)|with\b|a lot\b|greatly\b|considerably\b|enormously\b)|\s*(?:[.,;!]|$|if\b|when\b))`,
    String.raw`\bhelpful\b(?= (?:for|in|to|with)\b)`,
    String.raw`\bimprov(?:es|ed|e|ing|ements?)\b(?!-)`,
    String.raw`\breduc(?:es|ed|e|ing|tions?)\b(?!-)`,
    String.raw`\b(?:lower(?:s|ed)?|decreas(?:es|ed|e)|alleviat(?:es|ed|e)|reliev(?:es|ed|e)|eas(?:es|ed))\b(?!-)`,
    // Active "treats"; "was treated with" describes use, not outcome.
    String.raw`\btreats?\b(?! (?:as|like|with respect|people with respect|each other)\b)`,
    String.raw`\bcur(?:es|ed|e|ing)\b(?!-)`,
    String.raw`\bheal(?:s|ed|ing)?\b(?!-)`,
    String.raw`\beliminat(?:es|ed|e|ing)\b`,
    String.raw`\bbenefit(?:s|ed|ing)? from\b|\bbenefits (?:${PEOPLE_WORD}|\w+ (?:who|with))\b|\blift(?:s|ed)? (?:\w+ ){0,2}mood\b|\bbeneficial\b|\b(?:benefits|gains|improvements|effects) (?:\w+ ){0,3}(?:grow|last|persist|continu|increas|accumulat|remain|endur|held|visible|present)\w*\b`,
    String.raw`\boutperform(?:s|ed|ing)?\b`,
    String.raw`\b(?:better|more effective|superior|as effective|as good|equivalent|on a par|on par|as well)\b(?= (?:than|to|as|with)\b)`,
    String.raw`\b(?:more )?(?:lasting|long-lasting|long-term|enduring|durable|permanent|sustained) (?:change|changes|results?|benefits?|improvements?|effects?|relief|gains?|recovery)\b`,
    String.raw`\b(?:reach(?:es|ed)?|achiev(?:es|ed)|went into|were in|was in|are in) (?:full |complete )?(?:remission|recovery)\b|\brecover(?:s|ed)\b`,
    String.raw`\b(?:notice|see|feel|make|experience)s? (?:a )?(?:real |big |noticeable |huge |significant |clear |marked )?difference\b`,
    String.raw`\bfeel(?:s|ing)? (?:much |a lot |far )?(?:better|lighter|calmer|happier|relieved|less (?:anxious|depressed|alone|stressed))\b`,
    String.raw`\bcalm(?:s|ed)?\b(?= (?:a |the |your |their )?(?:panic|anxiety|nerves|symptoms|mind))`,
    String.raw`\brestor(?:es|ed|e)\b`,
    String.raw`\b(?:leads?|led) to (?:recovery|remission|improvements?|lasting|better|change|relief|fewer|less)\b`,
    String.raw`\b(?:can|will|to) correct\b`,
    String.raw`\bsuccess rate\b`,
    String.raw`\b(?:the )?(?:best|most effective) (?:option|treatment|choice|therapy|approach|way)\b`,
    String.raw`\b(?:produces?|produced|gives?|gave|delivers?|brings?) (?:lasting|real|significant|better|good|great|fast|quick|immediate|dramatic) (?:results|change|changes|improvements?|relief)\b`,
    String.raw`\bproven\b|\bproved\b|\bguaranteed?\b`,
  ].join('|'),
  'i',
);

/** Outcome words that speak of treatment results on their own ("a 100% success rate", "clinically proven"). */
export const SELF_EVIDENT_OUTCOME = /\b(?:success rate|clinically proven|scientifically proven|prov(?:en|ed) to (?:work|help|reduce|cure|heal|relieve)|guaranteed (?:to|results)|cures?)\b/i;

/** In a heading only verbs assert: "Benefits of therapy" names a topic, "Therapy cures anxiety" claims. */
export const NOUN_PREDICATE = /^(?:benefits?|improvements?|reductions?|relief|success rate|beneficial|effective|efficacious|lasting|long-lasting|long-term|enduring|permanent|best|most effective)\b/i;

/** A first-person report of one's own experience ("I found CBT helpful") is testimony, not a claim about a treatment. */
export const TESTIMONY = /\b(?:I|we) (?:found|felt|had|was|were|believed|thought|noticed|got|tried|went|did)\b|\bfor me\b|\b(?:helped|helps) me\b|\bmy (?:son|daughter|husband|wife|partner|mother|father|sister|brother|friend|therapist|psychiatrist|psychologist|counsell?or|analyst|GP|doctor|nurse)\b/i;

/** Purpose, process and use are not outcomes: "aims to reduce", "works by", "is used to treat", "learn to manage". */
export const NOT_AN_OUTCOME_BEFORE =
  /\b(?:aims?|aimed|seeks?|sought|designed|intended|tries|try|trying|hopes?|goals?(?: of [\w ]{1,30})? (?:is|are)|purpose is|used|learn(?:s|ed|ing)?|teach(?:es|ing)?|taught|practise|practice|how|whether|if|ways? (?:to|of)|as a (?:way|means) of|means of|in order|until|once|wants? to|desire to|deserve to|measures? \w+ as|measured as|defined as|defines? \w+ as|counts? as|use to|uses to)\b(?: [\w%.,'’-]+){0,5} ?$/i;

/** Negation before a predicate: "does not work", "no therapy cures". */
export const NEGATION_BEFORE = /\b(?:not|no|never|n't|nothing|cannot|neither|nor|none|without|unlikely|fails? to|failed to)\b(?: \w+){0,3} ?$/i;

/** Hedges lower a claim's severity one step ("may help", "some evidence suggests"). */
export const HEDGE =
  /\b(?:may|might|could|can|possibly|perhaps|probably|likely|appears? to|seems? to|tends? to|suggests?|some|preliminary|limited|emerging|early|tentative|modest|potentially|in some cases|for some people)\b/i;

/**
 * Evidence frames: pointing at evidence ("research shows") instead of citing
 * it. Case-insensitive except where a named source is required.
 */
export const EVIDENCE_FRAMES: RegExp[] = [
  /\b(?:(?:the |recent |new |current |growing |a (?:growing|large) (?:body of )?)?(?:research|science|literature|evidence|data))(?: (?:base|now|also|clearly|consistently|increasingly))? (?:shows?|showed|has shown|have shown|suggests?|suggested|has suggested|indicates?|indicated|proves?|proved|has proven|has proved|demonstrates?|demonstrated|has demonstrated|confirms?|confirmed|finds|found|has found|supports?|supported|points to|tells us|backs)\b/i,
  /\b(?:(?:many |several |numerous |multiple |some |recent |new |large |most |the |follow-up |other |previous |earlier |later )?(?:studies|trials|clinical trials|randomi[sz]ed trials|RCTs|experiments|reviews|systematic reviews|meta-analyses|surveys|scientists|researchers|doctors|psychologists|psychiatrists|experts|clinicians|professionals))(?: (?:have|has|had|now|also|long|since|consistently|repeatedly|recently|previously|generally|widely|increasingly)){0,2}(?: (?:shown|show|showed|found|find|suggest|suggested|indicate|indicated|prove|proved|proven|demonstrate|demonstrated|confirm|confirmed|agree|say|said|says|believe|believed|recommend|recommended|report|reported|concluded|conclude|established))\b/i,
  /\b(?:a|an|one|the|another|this|that|our|its|their|recent|new|large|landmark|major|famous|well-known|randomi[sz]ed|internal|local)(?: [\w-]+){0,3}? (?:study|trial|review|meta-analysis|survey|report|analysis|paper|experiment|evaluation|audit|pilot)(?: \(\d{4}\))?(?: (?:of|from|by|in|at|published in|involving|with) [\w\s,.%-]{1,60}?)? (?:has |have )?(?:found|finds|showed|shown|shows|suggests|suggested|concluded|concludes|reported|reports|demonstrated|revealed|confirmed|proved)\b/i,
  /\b(?:in|according to) (?:our|a|an|the|its|their) (?:\d{4} |recent |latest |own |internal |annual )*(?:service |clinic |client |patient |internal )?(?:evaluation|audit|survey|pilot|data|outcome data|figures)\b/i,
  /\b(?:there is|there's|there are|we have)(?: \w+){0,3}? (?:evidence|research|data|studies|proof)(?: \w+){0,2}? (?:that|for|to suggest|showing|suggesting|supporting)\b/i,
  /\b[Aa]ccording to (?:the |its |their |a |an )?(?:(?:[\w-]+ ){0,3}of (?:\w+ )?(?:research|studies|evidence|data)|(?:latest |recent |new )?(?:research|studies|experts|scientists|science|the evidence|statistics|surveys|company|companies|manufacturer|makers?|developers?|researchers|team|authors|study|trial|report|survey|government|charity|organi[sz]ation|clinic|firm|startup|app's makers)|[A-Z][\w&.'’-]*(?: (?:of|for|and|on|the|&|[A-Z][\w&.'’-]*))*)/,
  /\bit (?:has been|is|was) (?:well[- ])?(?:shown|proven|proved|demonstrated|established|documented)\b/i,
  /\b(?:experts|scientists|doctors|researchers|psychologists) (?:all |widely |generally )?agree\b/i,
];

/** Every evidence frame holds one of these words: a cheap test that lets most sentences skip the frames. */
export const EVIDENCE_FRAME_WORDS =
  /\b(?:research|scien|literature|evidence|data|stud|trial|rct|experiment|review|meta-analys|survey|doctor|psycholog|psychiatr|expert|clinician|professional|report|analys|paper|evaluation|audit|pilot|figures|proof|according to|shown|prove|demonstrated|established|documented|agree)/i;

/** After "showed": an indirect object means showing something to someone, not reporting a result. */
export const SHOWN_TO_SOMEONE = /^ (?:participants|patients|subjects|clients|volunteers|students|children|them|him|her|us|me|people)\b/i;

/** Absolute outcome language, with calibrated rewrites (first is preferred). */
export interface Overstatement {
  pattern: RegExp;
  rewrites: string[];
  /** Absolute only about an outcome: "always" in a claim, not in advice ("always ask your GP"). */
  requiresClaim?: boolean;
}

export const OVERSTATEMENTS: Overstatement[] = [
  { pattern: /\b(?:is|are|has been|have been|was|were) (?:clinically |scientifically |medically )?prov(?:en|ed) to\b/i, rewrites: ['has been shown in some studies to', 'has been associated with'] },
  { pattern: /\b(?:clinically|scientifically|medically) prov(?:en|ed)\b/i, rewrites: ['clinically tested', 'research-supported'] },
  { pattern: /\bprov(?:en|ed)(?= (?:to be )?(?:effective|to work|successful|superior|better|more effective)\b)/i, rewrites: ['shown', 'reported'] },
  { pattern: /\bprov(?:ed|es|en) that\b/i, rewrites: ['reported that', 'found evidence that'] },
  { pattern: /\bproven(?= (?:treatment|therapy|approach|method|technique|way|results?|programme|program|system)\b)/i, rewrites: ['well-studied'] },
  { pattern: /\bcures\b/i, rewrites: ['can reduce', 'may ease'] },
  { pattern: /\bcured\b/i, rewrites: ['helped', 'improved'] },
  { pattern: /\bcure\b/i, rewrites: ['reduce', 'ease'] },
  { pattern: /\bguaranteed? to\b/i, rewrites: ['likely to', 'designed to'] },
  { pattern: /\bguaranteed?\b/i, rewrites: ['likely'] },
  { pattern: /\balways (?:works?|helps?|succeeds?)\b/i, rewrites: ['often helps', 'helps many people'] },
  { pattern: /\bnever fails?\b/i, rewrites: ['usually helps'] },
  { pattern: /\beliminates\b/i, rewrites: ['can reduce'] },
  { pattern: /\beliminated\b/i, rewrites: ['reduced'] },
  { pattern: /\beliminate\b/i, rewrites: ['reduce'] },
  { pattern: /\bcompletely (?=(?:cur|eliminat|remov|resolv|fix|recover|get rid|got rid|heal|stop|end|disappear|vanish)\w*)/i, rewrites: [''] },
  { pattern: /\b100 ?%(?: (?:success|effective|recovery|of (?:patients|clients|people)))?/i, rewrites: [] },
  { pattern: /\bpermanent(?:ly)? (?:cure|fix|results?|relief|recovery|change)\b/i, rewrites: [] },
  { pattern: /\bmiracle\b/i, rewrites: [] },
  { pattern: /\b(?:works|helps) for (?:everyone|everybody|anyone|all)\b/i, rewrites: ['helps many people'] },
  { pattern: /\balways\b/i, rewrites: ['often'], requiresClaim: true },
  { pattern: /\b(?:every|each) (?:single )?(?:client|patient|person|one)\b/i, rewrites: ['many clients'], requiresClaim: true },
];
