import type { ParticipantRole } from './domain';
import { countWords, type DialogueDoc } from './editorDoc';
import { foldForMatch } from './textFold';

/**
 * The conversation mirror ("gespreksspiegel"): what a transcript with speakers says about how
 * the dialogue went, as a hint for the mentor, never a score. Pure, so the renderer's panel and
 * the Word summary (built in the core) show the same figures.
 *
 * - Speaking share per speaker: words, and time when the turns carry start times.
 * - The mentor's questions, open or closed, by Dutch sentence patterns (see `classifyQuestion`).
 * - The four steps of a LOB-gesprek (terugkijken, reflecteren, vooruitkijken, een concrete
 *   volgende stap), each covered when one of its cue phrases occurs; the cues found are shown.
 * - Whether an agreement (action) was recorded for the dialogue.
 *
 * The patterns are Dutch whatever the UI language: the dialogues are held in Dutch.
 */

export interface MirrorTurn {
  speaker: string;
  role?: ParticipantRole | undefined;
  text: string;
  startMs?: number | undefined;
}

export interface SpeakerShare {
  speaker: string;
  role: ParticipantRole | null;
  turns: number;
  words: number;
  /** Share of all words, 0–1. */
  wordShare: number;
  /** Speaking time in ms, when every turn has a start time; otherwise null. */
  ms: number | null;
  timeShare: number | null;
}

export type QuestionKind = 'open' | 'closed' | 'unclear';

export interface MirrorQuestion {
  text: string;
  kind: QuestionKind;
  /** The word or pattern that decided it ("wat", "ben je", "toch?"), or null when unclear. */
  cue: string | null;
}

export const LOB_STEPS = ['lookBack', 'reflect', 'lookAhead', 'nextStep'] as const;
export type LobStep = (typeof LOB_STEPS)[number];

export interface StepCoverage {
  step: LobStep;
  covered: boolean;
  /** The cue phrases found, in the order of the step's cue list. */
  found: string[];
}

export interface ConversationMirror {
  /** False when no turn has a speaker: then there is nothing to mirror. */
  hasSpeakers: boolean;
  shares: SpeakerShare[];
  /** True when some speaker has the role mentor (only then are questions counted). */
  hasMentor: boolean;
  questions: MirrorQuestion[];
  open: number;
  closed: number;
  unclear: number;
  steps: StepCoverage[];
  /** No agreement (action) was recorded for the dialogue. */
  noAgreement: boolean;
}

/** The speaker turns of a dialogue document, in order. Paragraphs without a speaker are left out. */
export function turnsOfDoc(doc: DialogueDoc): MirrorTurn[] {
  const turns: MirrorTurn[] = [];
  for (const section of doc) {
    for (const block of section.children) {
      if (block.type !== 'paragraph' || !block.speaker) continue;
      turns.push({ speaker: block.speaker, role: block.role, text: block.children.map((leaf) => leaf.text).join(''), startMs: block.startMs });
    }
  }
  return turns;
}

// ---------------------------------------------------------------------------------------------
// Questions

/** Words at the start of a question that say nothing about its form ("En, wat vond je?"). */
const FILLERS = new Set(['en', 'maar', 'oke', 'ok', 'okay', 'dus', 'nou', 'ja', 'nee', 'goed', 'of', 'want', 'eh', 'ehm', 'uh', 'uhm', 'hm', 'hmm', 'mm', 'oh', 'o', 'ah', 'zo', 'dan', 'even', 'sorry', 'prima', 'mooi', 'top', 'he']);

/** Question words: a question that starts with one asks for more than yes or no. */
const OPEN_WORDS = new Set([
  'wat', 'hoe', 'waarom', 'waardoor', 'waarover', 'waarmee', 'waarvan', 'waaraan', 'waarin', 'waarop', 'waarnaar', 'waarvoor', 'waaruit', 'waarbij',
  'welke', 'welk', 'wie', 'wiens', 'wanneer', 'waar', 'hoeveel', 'hoezo', 'hoelang', 'hoever',
]);
/** Invitations that ask for a story, with or without a question mark ("Vertel eens …"). */
const INVITATIONS = new Set(['vertel', 'beschrijf', 'leg', 'noem', 'geef', 'schets', 'beschrijft', 'vertelt']);
/** Prepositions that may come before a question word: "Met wie …", "Op welke manier …". */
const PREPOSITIONS = new Set(['met', 'op', 'in', 'voor', 'bij', 'van', 'naar', 'over', 'aan', 'uit', 'door', 'tot', 'tegen', 'om', 'vanaf', 'sinds', 'zonder']);
/**
 * Finite verbs a yes/no question often starts with ("Ben je …", "Heb je …"). A verb that is not
 * listed is still caught when the next word is a subject pronoun ("Praat je …").
 */
const FINITE_VERBS = new Set([
  'ben', 'bent', 'is', 'zijn', 'was', 'waren', 'heb', 'hebt', 'heeft', 'hebben', 'had', 'hadden',
  'wil', 'wilt', 'wilde', 'willen', 'kun', 'kunt', 'kan', 'kon', 'konden', 'kunnen', 'zou', 'zouden', 'zal', 'zul', 'zult', 'zullen',
  'mag', 'mocht', 'mogen', 'moet', 'moest', 'moeten', 'ga', 'gaat', 'gaan', 'ging', 'gingen', 'vind', 'vindt', 'vond', 'vonden',
  'denk', 'denkt', 'dacht', 'weet', 'wist', 'weten', 'doe', 'doet', 'deed', 'deden', 'snap', 'snapt', 'begrijp', 'begrijpt',
  'herken', 'herkent', 'voel', 'voelt', 'voelde', 'zie', 'ziet', 'zag', 'klopt', 'klopte', 'klinkt', 'lukt', 'lukte', 'past', 'paste',
  'speelt', 'speelde', 'gebeurt', 'gebeurde', 'kom', 'komt', 'kwam', 'hoor', 'hoort', 'werk', 'werkt', 'werkte', 'maak', 'maakt', 'maakte',
  'zit', 'zat', 'lijkt', 'leek', 'word', 'wordt', 'werd', 'sta', 'staat', 'stond', 'hou', 'houd', 'houdt', 'durf', 'durft', 'durfde',
  'leer', 'leert', 'leerde', 'blijf', 'blijft', 'bleef', 'praat', 'sprak', 'spreek', 'spreekt', 'heet', 'ken', 'kent', 'kende', 'mis', 'mist',
  'merk', 'merkt', 'merkte', 'bedoel', 'bedoelt', 'hoop', 'hoopt', 'verwacht', 'geloof', 'gelooft', 'zeg', 'zegt', 'zei', 'vinden', 'krijg', 'krijgt', 'kreeg',
]);
const SUBJECTS = new Set(['je', 'jij', 'u', 'het', 'hij', 'zij', 'ze', 'we', 'wij', 'jullie', 'er', 'dat', 'dit', 'die', 'ik', 'men', 'iemand']);
/** Words that open a side clause ("Als je terugkijkt, …"): the clause after the comma decides. */
const SUBORDINATORS = new Set(['als', 'toen', 'omdat', 'nu', 'terwijl', 'hoewel', 'zodat', 'voordat', 'nadat', 'sinds', 'zodra', 'stel', 'daarom', 'daarna', 'misschien', 'tenzij', 'indien']);
/** Subjects that, second in a sentence, show the first word is a verb ("Praat je …"). */
const PRONOUNS = new Set(['je', 'jij', 'u', 'het', 'hij', 'zij', 'ze', 'we', 'wij', 'jullie', 'er']);
/** Tags that turn a statement into a yes/no question: "Dat was spannend, toch?" */
const TAGS = ['toch', 'of niet', 'he', 'hè', 'ja', 'niet', 'right', 'klopt dat', 'klopt het', 'zeker'];

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

function wordsOf(text: string): string[] {
  return foldForMatch(text).match(WORD) ?? [];
}

function stripFillers(words: string[]): string[] {
  let at = 0;
  while (at < words.length - 1 && FILLERS.has(words[at]!)) at++;
  return words.slice(at);
}

/** Open or closed by the start of one clause; null when the clause says neither. */
function clauseKind(raw: string): { kind: 'open' | 'closed'; cue: string } | null {
  const words = stripFillers(wordsOf(raw));
  const [first, second, third] = words;
  if (!first || SUBORDINATORS.has(first)) return null;
  if (first === 'wat' && second === 'voor') return { kind: 'open', cue: 'wat voor' };
  if (OPEN_WORDS.has(first)) return { kind: 'open', cue: first };
  if (PREPOSITIONS.has(first) && second && OPEN_WORDS.has(second)) return { kind: 'open', cue: `${first} ${second}` };
  if (INVITATIONS.has(first)) return { kind: 'open', cue: first };
  if (FINITE_VERBS.has(first)) return { kind: 'closed', cue: second && SUBJECTS.has(second) ? `${first} ${second}` : first };
  // A verb that is not in the list, followed by its subject: "Praat je …", "Sport jij …".
  if (second && PRONOUNS.has(second) && !SUBJECTS.has(first) && third !== undefined) return { kind: 'closed', cue: `${first} ${second}` };
  // A statement asked as a question: "Je vond het leuk?" asks for yes or no too.
  if (second && SUBJECTS.has(first) && FINITE_VERBS.has(second)) return { kind: 'closed', cue: `${first} ${second} …?` };
  return null;
}

/**
 * Classifies one question (a sentence ending in "?", or an invitation such as "Vertel eens …").
 *
 * - open: it starts with a question word (wat, hoe, waarom, waardoor, welke, wie, wanneer, waar,
 *   …), possibly after a preposition ("met wie"), or with an invitation (vertel, beschrijf, leg uit);
 * - closed: it starts with a finite verb ("ben je", "heb je", "wil je", "kun je", "vind je",
 *   "ga je", "zou je"), is a statement asked as a question ("Je vond het leuk?"), or ends in a
 *   tag ("…, toch?", "…, of niet?");
 * - unclear: anything else ("En verder?", "Echt?").
 * Leading fillers ("en", "oké", "dus") are skipped, and when the first clause decides nothing the
 * next one after a comma is tried ("Als je terugkijkt, wat ging er goed?").
 */
export function classifyQuestion(sentence: string): MirrorQuestion {
  const text = sentence.trim();
  const folded = foldForMatch(text).replace(/[?!.…\s"'”’)]+$/u, '');
  for (const tag of TAGS) {
    if (folded.endsWith(`, ${tag}`) || folded === tag) return { text, kind: 'closed', cue: `${tag}?` };
  }
  const clauses = text.split(/[,;:–—]/u);
  for (const clause of clauses) {
    const found = clauseKind(clause);
    if (found) return { text, ...found };
  }
  return { text, kind: 'unclear', cue: null };
}

/** Sentences of a turn: split after . ! ? … followed by space. */
function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?…])["'”’)]*\s+/u).map((part) => part.trim()).filter(Boolean);
}

/** Whether a sentence counts as a question: it ends in "?" or is an invitation to tell. */
export function isQuestion(sentence: string): boolean {
  if (/\?["'”’)]*$/u.test(sentence.trim())) return true;
  const words = stripFillers(wordsOf(sentence));
  return words.length > 1 && INVITATIONS.has(words[0]!) && (words[0] !== 'geef' || words.includes('voorbeeld')) && (words[0] !== 'leg' || words.includes('uit'));
}

/** The questions in one turn's text, classified. */
export function questionsIn(text: string): MirrorQuestion[] {
  return sentencesOf(text).filter(isQuestion).map(classifyQuestion);
}

// ---------------------------------------------------------------------------------------------
// The four steps

/**
 * Cue phrases per step, folded (no accents, lower case). A cue ending in "*" matches any word
 * that starts with it ("terugkijk*" finds "terugkijken", "terugkijkt"); the others match whole
 * words. They are hints: a step can be covered in words the list does not know.
 */
export const STEP_CUES: Record<LobStep, readonly string[]> = {
  lookBack: [
    'terugkijk*', 'terugblik*', 'kijk je terug', 'kijk terug', 'wat heb je meegemaakt', 'wat is er gebeurd', 'wat gebeurde er', 'hoe ging',
    'hoe was', 'wat heb je gedaan', 'wat deed je', 'vorige keer', 'afgelopen', 'vorige week', 'toen',
  ],
  reflect: [
    'reflect*', 'wat deed dat met je', 'wat deed het met je', 'wat betekent', 'wat betekende', 'wat zegt dat', 'wat zegt dit', 'hoe voelde',
    'wat voelde', 'wat vond je', 'wat vind je belangrijk', 'belangrijk voor jou', 'wat kun je goed', 'waar ben je goed in', 'waar ben je trots',
    'trots', 'geleerd', 'wat heb je geleerd', 'wat ging goed', 'wat ging er goed', 'waarom',
  ],
  lookAhead: [
    'vooruitkijk*', 'vooruitblik*', 'kijk je vooruit', 'toekomst', 'later', 'straks', 'volgend jaar', 'na je diploma', 'na de zomer', 'wat wil je',
    'welke opleiding', 'welk beroep', 'welk werk', 'droom*', 'doel*', 'over een jaar', 'hoe zie je',
  ],
  nextStep: [
    'volgende stap', 'afspraak', 'afspraken', 'afspreken', 'spreken we af', 'wat ga je doen', 'ga je doen', 'wat ga je', 'gaat doen',
    'voor volgende week', 'volgende week', 'deadline', 'uiterlijk', 'morgen', 'actie', 'plan', 'wie kan je helpen', 'eerste stap',
  ],
};

function cuePattern(cue: string): RegExp {
  const prefix = cue.endsWith('*');
  const body = (prefix ? cue.slice(0, -1) : cue).split(' ').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}${prefix ? '' : '(?![\\p{L}\\p{N}])'}`, 'u');
}

const STEP_PATTERNS: Record<LobStep, { cue: string; pattern: RegExp }[]> = Object.fromEntries(
  LOB_STEPS.map((step) => [step, STEP_CUES[step].map((cue) => ({ cue: cue.replace(/\*$/, '…'), pattern: cuePattern(cue) }))]),
) as Record<LobStep, { cue: string; pattern: RegExp }[]>;

export function stepCoverage(turns: readonly MirrorTurn[]): StepCoverage[] {
  const folded = turns.map((turn) => foldForMatch(turn.text)).join('\n');
  return LOB_STEPS.map((step) => {
    const found = STEP_PATTERNS[step].filter(({ pattern }) => pattern.test(folded)).map(({ cue }) => cue);
    return { step, covered: found.length > 0, found };
  });
}

// ---------------------------------------------------------------------------------------------
// Speaking share

/**
 * Milliseconds per turn from consecutive start times: a turn lasts until the next turn starts.
 * The last turn ends at `endMs` when known (the recording's length), otherwise its length is
 * estimated from its words at the dialogue's own pace. Null when a turn lacks a start time or
 * the times go backwards.
 */
export function turnDurations(turns: readonly MirrorTurn[], endMs?: number): number[] | null {
  if (turns.length === 0) return null;
  const starts = turns.map((turn) => turn.startMs);
  if (starts.some((start) => start === undefined)) return null;
  const times = starts as number[];
  for (let index = 1; index < times.length; index++) if (times[index]! < times[index - 1]!) return null;
  const durations = times.slice(0, -1).map((start, index) => times[index + 1]! - start);
  const last = times[times.length - 1]!;
  if (endMs !== undefined && endMs >= last) {
    durations.push(endMs - last);
  } else {
    const spoken = durations.reduce((sum, ms) => sum + ms, 0);
    const words = turns.slice(0, -1).reduce((sum, turn) => sum + countWords(turn.text), 0);
    const lastWords = countWords(turns[turns.length - 1]!.text);
    // ~400 ms a word when nothing else tells the pace.
    durations.push(Math.round(words > 0 && spoken > 0 ? (spoken / words) * lastWords : lastWords * 400));
  }
  return durations;
}

export function speakingShares(turns: readonly MirrorTurn[], endMs?: number): SpeakerShare[] {
  const durations = turnDurations(turns, endMs);
  const bySpeaker = new Map<string, { role: ParticipantRole | null; turns: number; words: number; ms: number }>();
  turns.forEach((turn, index) => {
    const entry = bySpeaker.get(turn.speaker) ?? { role: turn.role ?? null, turns: 0, words: 0, ms: 0 };
    entry.turns += 1;
    entry.words += countWords(turn.text);
    entry.ms += durations?.[index] ?? 0;
    if (entry.role === null && turn.role) entry.role = turn.role;
    bySpeaker.set(turn.speaker, entry);
  });
  const totalWords = [...bySpeaker.values()].reduce((sum, entry) => sum + entry.words, 0);
  const totalMs = durations?.reduce((sum, ms) => sum + ms, 0) ?? 0;
  return [...bySpeaker.entries()].map(([speaker, entry]) => ({
    speaker,
    role: entry.role,
    turns: entry.turns,
    words: entry.words,
    wordShare: totalWords > 0 ? entry.words / totalWords : 0,
    ms: durations ? entry.ms : null,
    timeShare: durations && totalMs > 0 ? entry.ms / totalMs : null,
  }));
}

// ---------------------------------------------------------------------------------------------

export interface MirrorInput {
  turns: readonly MirrorTurn[];
  /** Agreements (actions) recorded for this dialogue. */
  agreements: number;
  /** The recording's length, when there is one: the end of the last turn. */
  endMs?: number | undefined;
}

export function conversationMirror({ turns, agreements, endMs }: MirrorInput): ConversationMirror {
  const withSpeaker = turns.filter((turn) => turn.speaker.trim() !== '');
  const hasMentor = withSpeaker.some((turn) => turn.role === 'mentor');
  const questions = hasMentor ? withSpeaker.filter((turn) => turn.role === 'mentor').flatMap((turn) => questionsIn(turn.text)) : [];
  const count = (kind: QuestionKind) => questions.filter((question) => question.kind === kind).length;
  return {
    hasSpeakers: withSpeaker.length > 0,
    shares: speakingShares(withSpeaker, endMs),
    hasMentor,
    questions,
    open: count('open'),
    closed: count('closed'),
    unclear: count('unclear'),
    steps: stepCoverage(withSpeaker),
    noAgreement: agreements === 0,
  };
}
