/**
 * Crisis-language detection for the free-text message of a consultation request.
 *
 * A message that mentions suicide, self-harm or overdose makes the lead `urgent` with
 * `crisisFlag: true`, so coordinators call that person first. The message is health
 * information: this module answers yes or no and never returns, logs or keeps the text it
 * matched.
 *
 * The list errs towards phrases that are rarely said casually. A missed phrase still reaches a
 * coordinator as a normal lead; a noisy phrase makes "urgent" mean nothing, so each entry here
 * should be one a clinician would want called back first.
 *
 * Deliberately NOT on the list (too many harmless uses in clinic enquiries):
 * - "die", "dead", "death", "dying" alone: "dying to try ketamine", "my phone died", "dead tired".
 * - "kill", "killing" alone: "this depression is killing me", "kill switch", "kill time".
 * - "cut", "hurt", "harm" alone: "cut my hours", "I hurt my back".
 * - "od" alone: "once daily" on prescriptions, "outside diameter", Doctor of Optometry.
 *   Only the past/continuous forms "OD'd", "OD'ed", "OD'ing" (with the apostrophe) count;
 *   "oded" without one is a given name.
 * - "kms", "kys": also kilometres; "kys" is aimed at someone else.
 * - "hopeless", "worthless", "end it": common descriptions of depression itself, not crisis.
 * - "take my life": "take my life back". Only "take my own life" counts.
 * - "burn myself": "burn myself out".
 * - "take/took all my pills": "I take all my pills in the morning".
 * - Spanish "cortarme" ("cortarme el pelo", a haircut) and "no puedo más" ("no puedo más con el
 *   trabajo").
 *
 * Format of an entry: lower-case, unaccented, words separated by one space. When matching:
 * - words may be separated by any run of whitespace, hyphens, underscores or dots, so
 *   "self harm" covers "self-harm" and "KILL\nMYSELF"; one-word spellings ("selfharm") are
 *   listed on their own;
 * - "myself" also matches "my self";
 * - a negative contraction covers its spellings: "can't" matches can't, cant, cannot and can not;
 *   "don't" matches don't, dont and do not;
 * - any other apostrophe ("od'd") must be present in the text (typographic ones count).
 */
import { foldAccents } from './text-folding';

export const CRISIS_PHRASES: readonly string[] = Object.freeze([
  // Suicide named outright. Rarely casual in a clinic enquiry; even "my brother died by suicide"
  // deserves the first call, as bereavement by suicide is itself a risk factor.
  'suicide',
  'suicidal',
  'suicidality',
  // Spellings used online to dodge content filters; they have no other meaning.
  'unalive',
  'unaliving',
  'sewerslide',
  'sewer slide',

  // First-person intent to kill oneself, and named methods. "kill" alone is excluded (see above).
  'kill myself',
  'killing myself',
  'end my life',
  'ending my life',
  'end my own life',
  'take my own life',
  'taking my own life',
  'end it all',
  'ending it all',
  'hang myself',
  'hanging myself',
  'shoot myself', // not "shoot myself in the foot", see HARMLESS_CONTINUATIONS
  'shooting myself',
  'slit my wrist',
  'slit my wrists',
  'slitting my wrists',
  'jump off a bridge',
  'jump off the bridge',
  'jumping off a bridge',
  'jump in front of a train',

  // Wanting to be dead (passive ideation): screened for as seriously as a plan. "I don't want to
  // die" also matches "want to die"; a call for that costs little.
  'want to die',
  'wanna die',
  'wanted to die',
  'wanting to die',
  'want to be dead',
  'wish i was dead',
  'wish i were dead',
  'better off dead',
  'better off without me',
  "don't want to be alive",
  "don't want to be here anymore",
  "don't want to live", // only at the end of a clause, see CLAUSE_FINAL
  "don't want to live anymore",
  "hope i don't wake up",
  'sleep and never wake up',

  // No future left. "hopeless" alone is excluded: it describes depression, not a crisis.
  'no reason to live',
  'nothing to live for',
  'no point in living',
  'not worth living',
  "isn't worth living",
  "can't go on", // only at the end of a clause, see CLAUSE_FINAL
  "can't go on anymore",
  "can't go on any more",
  "can't go on any longer",
  "can't go on like this",
  "can't go on living",

  // Self-harm: not always suicidal, but clinicians treat it as urgent. "cut" and "hurt" alone
  // are excluded; the first-person object ("myself") is what makes these low-risk.
  'self harm',
  'selfharm',
  'self harming',
  'selfharming',
  'self harmed',
  'self injury',
  'self injuring',
  'self injurious',
  'self mutilation',
  'hurt myself',
  'hurting myself',
  'harm myself',
  'harming myself',
  'cut myself', // not "cut myself off" / "some slack", see HARMLESS_CONTINUATIONS
  'cutting myself',

  // Overdose, attempted or considered. A ketamine clinic will see "can you overdose on it?":
  // that question also gets a first call, which is cheap and arguably right.
  'overdose',
  'overdosed',
  'overdosing',
  "od'd",
  "od'ed",
  "od'ing",
  'took too many pills',
  'taking too many pills',

  // Spanish, since US clinics receive Spanish forms: suicide, suicidal, killing/hurting oneself,
  // wanting to die, overdose. Accents are stripped before matching ("daño" -> "dano").
  'suicidio',
  'suicida',
  'suicidas',
  'suicidarme',
  'quiero morir',
  'quiero morirme',
  'matarme',
  'quitarme la vida',
  'acabar con mi vida',
  'ya no quiero vivir',
  'no quiero vivir', // only at the end of a clause, see CLAUSE_FINAL
  'no quiero vivir mas',
  'mejor muerto',
  'mejor muerta',
  'ahorcarme',
  'hacerme dano',
  'autolesion',
  'autolesiones',
  'autolesionarme',
  'sobredosis',
]);

/**
 * Phrases that count only when no word follows on the same line, because a following word
 * usually makes them harmless: "I can't go on." / "I can't go on, please help" match, while
 * "I can't go on Tuesdays" and "I don't want to live on medication forever" do not. The
 * worrying continuations ("anymore", "like this", "living") are listed as phrases of their own.
 */
const CLAUSE_FINAL: ReadonlySet<string> = new Set([
  "can't go on",
  "don't want to live",
  'no quiero vivir',
]);

/** Idioms that start with a listed phrase but mean something harmless. */
const HARMLESS_CONTINUATIONS: Readonly<Record<string, readonly string[]>> = {
  'cut myself': ['off', 'some slack', 'slack'],
  'cutting myself': ['off', 'some slack', 'slack'],
  'shoot myself': ['in the foot'],
  'shooting myself': ['in the foot'],
};

/** Letters, digits and underscore: a phrase may not start or end next to one of these. */
const WORD_CHAR = String.raw`[\p{L}\p{N}_]`;
/** Between the words of a phrase: any run of whitespace, hyphens, underscores or dots. */
const SEPARATOR = String.raw`[\s\-_.]+`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function wordPattern(word: string): string {
  if (word === 'myself') return String.raw`my[\s\-_.]*self`;
  if (word === "can't") return String.raw`can(?:'?t|[\s\-_.]*not)`;
  if (word === "won't") return `(?:won'?t|will${SEPARATOR}not)`;
  if (word.endsWith("n't")) {
    return `${escapeRegExp(word.slice(0, -3))}(?:n'?t|${SEPARATOR}not)`;
  }
  return escapeRegExp(word);
}

function wordsPattern(phrase: string): string {
  return phrase.split(' ').map(wordPattern).join(SEPARATOR);
}

function phrasePattern(phrase: string): string {
  let pattern = wordsPattern(phrase);
  if (CLAUSE_FINAL.has(phrase)) pattern += String.raw`(?![ \t]*[\p{L}\p{N}])`;
  const harmless = HARMLESS_CONTINUATIONS[phrase];
  if (harmless) {
    pattern += `(?!${SEPARATOR}(?:${harmless.map(wordsPattern).join('|')})(?!${WORD_CHAR}))`;
  }
  return pattern;
}

/**
 * One expression for the whole list, compiled once. Each alternative is literal words joined by
 * separator runs whose characters can never start a word, so matching stays linear in the text
 * length (no nested quantifiers, no catastrophic backtracking).
 */
const CRISIS_PATTERN = new RegExp(
  `(?<!${WORD_CHAR})(?:${CRISIS_PHRASES.map(phrasePattern).join('|')})(?!${WORD_CHAR})`,
  'u',
);

/** Typographic apostrophes and look-alikes, all read as "'". */
const APOSTROPHES = /[\u2018\u2019\u201B\u02BC\u02B9\u2032\u0060\u00B4\uFF07]/g;

/** Folded text (see foldAccents) with one apostrophe and one dash. */
function normalize(text: string): string {
  return foldAccents(text.replace(APOSTROPHES, "'")).replace(/\p{Pd}/gu, '-');
}

/** True when the text contains a phrase from the maintained crisis list (word boundaries; case- and accent-insensitive). */
export function mentionsCrisis(text: string | null | undefined): boolean {
  if (typeof text !== 'string' || text.length === 0) return false;
  return CRISIS_PATTERN.test(normalize(text));
}
