/**
 * Phrases that put a person, rather than the system around them, at the centre of what went
 * wrong. Each comes with a question that leads back to the system. More specific patterns come
 * first: where two overlap, only the first is reported.
 */
export interface BlamePattern {
  pattern: RegExp;
  suggestion: string;
  /**
   * Words the pattern cannot match without (no whitespace in them, so the raw text can be tested):
   * a cheap test that spares the pattern, with its look-arounds, on the many messages that
   * cannot match. It must hold for every text the pattern matches.
   */
  hint: RegExp;
}

// Slack clients and phones turn `'` into a curly apostrophe; people type both.
const A = "['\u2019\u02BC\u2018]";
// "fault" is also an engineering word: fault tolerance, fault injection, fault domains.
const NOT_ENGINEERING_FAULT = String.raw`(?![\s-]*(?:toleran|injection|domain|isolation|line|handl|detect|code|condition|zone))`;
// Saying there is no blame is the culture we want, not blame.
const NOT_DISCLAIMED = String.raw`(?<!(?:\b(?:no|not|never|without|non|zero|no one(?: is)? to|nobody(?: is)? to|not to|not about|not here to|no need to)|n${A}t)[\s-]+)`;
// "lazy loading" and "dumb pipe" describe software, not people.
const NOT_SOFTWARE = String.raw`(?![\s-]+(?:load|eval|init|iterat|sequence|stream|pipe|terminal|client|mode))`;

const rule = (source: string, suggestion: string, hint: string): BlamePattern => ({
  pattern: new RegExp(source, 'giu'),
  suggestion,
  hint: new RegExp(hint, 'iu'),
});

const SYSTEM_NOT_PERSON =
  'Describe what the system allowed to happen: which safeguard was missing?';

export const BLAME_PATTERNS: readonly BlamePattern[] = [
  rule(
    String.raw`(?:\bnot|n${A}?t)\s+(?:my|our)\s+fault\b`,
    'Say what you saw and did; the review looks for causes, not culprits',
    'fault',
  ),
  rule(
    String.raw`(?:(?<!\bno\s)\b(?!(?:nobody|anyone|anybody|noone)${A})\w+${A}s\s+fault|\b(?:my|your|his|her|their|whose)\s+fault|\bfault\s+of|\bat\s+fault)\b${NOT_ENGINEERING_FAULT}`,
    SYSTEM_NOT_PERSON,
    'fault',
  ),
  rule(
    String.raw`${NOT_DISCLAIMED}\bblam(?:e|ed|es|ing)\b(?![\s-]*(?:free|less|aware))`,
    SYSTEM_NOT_PERSON,
    'blam',
  ),
  rule(
    String.raw`\b(?:(?:human|operator|pilot)[\s-]+error|pebkac|pebcak)\b`,
    'Name the condition that made the mistake easy (tooling, defaults, time pressure)',
    'error|pebkac|pebcak',
  ),
  rule(
    String.raw`\bshould(?:\s+have|${A}ve|\s+of)\s+(?:known|caught|noticed|seen|spotted|checked|realised|realized|tested|asked)\b`,
    'Ask what information was not available at the time, and why',
    'should',
  ),
  rule(
    String.raw`\bshould(?:\s+(?:never|not)|n${A}?t)\s+have\s+(?:pushed|deployed|merged|shipped|approved|run|ran|done|touched)\b`,
    'Ask what made it look safe at the time, and what would have shown it was not',
    'should',
  ),
  rule(
    String.raw`\b(?:careless(?:ly|ness)?|sloppy|sloppily|lazy|laziness|incompeten(?:t|ce)|stupid(?:ity)?|idiot(?:s|ic)?|dumb|negligen(?:t|ce)|reckless(?:ly)?|clueless|cowboy)\b${NOT_SOFTWARE}`,
    'Describe the action and its context, not the person',
    'careless|slopp|lazy|lazi|incompeten|stupid|idiot|dumb|negligen|reckless|clueless|cowboy',
  ),
  rule(
    String.raw`\bwho\s+(?:broke|pushed|deployed|merged|approved|shipped|did\s+(?:this|that))\b`,
    'Ask what changed and how the change was checked',
    'who',
  ),
  rule(
    String.raw`\b(?:(?:didn${A}?t|did\s+not|never|couldn${A}?t|could\s+not)\s+(?:be\s+)?bother(?:ed)?|forgot\s+to)\b`,
    'What would have made the step hard to skip?',
    'bother|forgot',
  ),
  rule(
    String.raw`\b(?:(?:messed|screwed|fucked|f\*cked|mucked|stuffed)\s+(?:it\s+|this\s+|that\s+)?up|botched|(?:mess|screw|fuck)-?up)\b`,
    'Describe what happened and what made it possible, not who caused it',
    'mess|screw|fuck|f\\*ck|muck|stuff|botch',
  ),
  rule(
    String.raw`\b(?:dropped\s+the\s+ball|asleep\s+at\s+the\s+wheel)\b`,
    'Say which step was missed and what would have made it visible',
    'ball|wheel',
  ),
  rule(
    String.raw`\b(?:(?:rookie|newbie|noob|amateur|beginner${A}?s?|junior)\s+(?:mistake|error|move)s?|amateur\s+hour)\b`,
    'Describe the mistake and what would have prevented it for anyone',
    'mistake|error|move|amateur',
  ),
  rule(
    String.raw`\b(?:(?:be|been|being|was|were)\s+more\s+careful|(?:not|n${A}?t)\s+careful\s+enough)\b`,
    'Careful is not a safeguard: which check would have caught it?',
    'careful',
  ),
  rule(
    String.raw`\b(?:(?:his|her|their|your)\s+(?:mistake|error|screw-?up)|my\s+bad)\b`,
    'Describe the decision and what made it look right at the time',
    'mistake|error|screw|bad',
  ),
  rule(
    String.raw`\b(?:what\s+(?:were|was)\s+(?:you|they|he|she)\s+thinking|why\s+(?:would|did)\s+(?:you|he|she|they|anyone)\s+(?:do|run|push|deploy|merge|change))\b`,
    'Ask what made the action look right at the time',
    'thinking|why',
  ),
  rule(
    String.raw`\bignor(?:ed|ing|es)\s+(?:(?:the|an|that|this|our|my|his|her|their|all|every|those|these)\s+)?(?:alerts?|alarms?|warnings?|pages?|runbook|process|procedure|checklist)\b`,
    'Ask why the signal did not stand out: noise, routing, timing',
    'ignor',
  ),
];
