import type { SpeakerMerge, TranscriptTurn } from '../../../shared/dialogueSchemas';
import { foldForMatch } from '../../../shared/textFold';

// Words that say what someone is, not who: "Mentor Jansen" and "M. Jansen" are one person.
// Honorifics count as such words too, so "Mevr. Jansen" and "Dhr. Jansen" differ (see below).
const ROLE_WORDS = new Set([
  'mentor', 'mentrix', 'docent', 'docente', 'leraar', 'lerares', 'leerling', 'student', 'begeleider', 'praktijkbegeleider',
  'stagebegeleider', 'loopbaanbegeleider', 'slb', 'slber', 'coach', 'decaan', 'ouder', 'moeder', 'vader', 'verzorger',
  'teacher', 'tutor', 'supervisor', 'parent', 'mother', 'father',
  'mevr', 'mevrouw', 'mw', 'dhr', 'heer', 'meneer', 'juf', 'meester', 'mr', 'mrs', 'ms',
]);
// Dutch (and Moroccan, French, German) name particles: "de Vries", "el Amrani", "van der Berg".
// They are not given names, so "Sanne de Vries" has the given name Sanne and the surname Vries.
const PARTICLES = new Set(['de', 'der', 'den', 'van', 'het', 'ter', 'ten', 'te', 'in', 'op', 'el', 'al', 'la', 'le', 'du', 'von', 'di', 'da']);
// Real transcripts have a handful of speakers; a crafted file with thousands gets no offers
// rather than a quadratic comparison.
const MAX_SPEAKERS = 200;

interface NameParts {
  /** The whole name folded: case, accents, spacing and punctuation do not count. */
  key: string;
  roles: string[];
  numbers: string;
  /** Given names and initials, in order (an initial is a one-letter entry). */
  given: string[];
  /** The last name word, when the name has one beside something else ("Mentor Jansen", "M. Jansen"). */
  surname: string | null;
  /** A name of one word and nothing else ("Sanne", "Jansen"): first name or surname, unknown. */
  bare: string | null;
}

function partsOf(name: string): NameParts {
  let folded = foldForMatch(name);
  const roles: string[] = [];
  // "Jansen, M. (Mentor)": what is in parentheses is a role, "Surname, Initials" is turned round.
  folded = folded.replace(/\(([^)]*)\)/g, (_whole, inside: string) => {
    roles.push(...inside.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
    return ' ';
  });
  const comma = folded.indexOf(',');
  if (comma > 0) folded = `${folded.slice(comma + 1)} ${folded.slice(0, comma)}`;
  const tokens = folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const numbers: string[] = [];
  const names: string[] = [];
  for (const token of tokens) {
    if (/^\p{N}+$/u.test(token)) numbers.push(token);
    else if (ROLE_WORDS.has(token)) roles.push(token);
    else if (!PARTICLES.has(token)) names.push(token);
  }
  const words = names.filter((token) => token.length > 1);
  const key = [...roles, ...tokens.filter((token) => !ROLE_WORDS.has(token))].sort().join(' ');
  const bare = names.length === 1 && words.length === 1 && roles.length === 0 ? words[0]! : null;
  const surname = bare === null && words.length > 0 && (names.length > 1 || roles.length > 0) ? words.at(-1)! : null;
  const given = surname === null ? (bare === null ? names : []) : names.slice(0, names.lastIndexOf(surname));
  return { key, roles, numbers: numbers.join(' '), given, surname, bare };
}

/** First given names agree: equal words, or an initial that starts the other's name. */
function givenAgree(a: readonly string[], b: readonly string[]): boolean {
  const [x, y] = [a[0], b[0]];
  if (x === undefined || y === undefined) return true;
  if (x.length === 1 || y.length === 1) return x[0] === y[0];
  return x === y;
}

/** Whether two speaker names plausibly are one person. Deliberately cautious: it only offers. */
export function samePerson(left: string, right: string): boolean {
  const a = partsOf(left);
  const b = partsOf(right);
  if (a.key !== '' && a.key === b.key) return true;
  // "Speaker 1" and "Speaker 2" are two people, however alike.
  if (a.numbers !== b.numbers) return false;
  // "Mevr. Jansen" and "Dhr. Jansen", "Mentor Jansen" and "Docent Jansen": said to be different.
  if (a.roles.length > 0 && b.roles.length > 0 && !a.roles.some((role) => b.roles.includes(role))) return false;
  if (a.surname !== null && b.surname !== null) return a.surname === b.surname && givenAgree(a.given, b.given);
  const [one, other] = a.bare !== null ? [a, b] : [b, a];
  if (one.bare !== null && other.bare === null) {
    // "Jansen" and "M. Jansen"; "Sanne" and "Sanne de Vries".
    return one.bare === other.surname || (other.given[0] !== undefined && other.given[0] === one.bare);
  }
  // Only roles ("Mentor") against a name with that role ("Mentor Jansen").
  const rolesOnly = (parts: NameParts) => parts.given.length === 0 && parts.surname === null && parts.bare === null && parts.roles.length > 0;
  if (rolesOnly(a) !== rolesOnly(b)) {
    const [bareRole, named] = rolesOnly(a) ? [a, b] : [b, a];
    return bareRole.roles.every((role) => named.roles.includes(role));
  }
  return false;
}

/**
 * Groups of speakers that look like one person, each with the name to keep. A speaker joins a
 * group only when it looks like every member, so "Jansen" cannot chain "P. Jansen" and
 * "A. Jansen" together. The name kept is the fullest ("Sanne de Vries" over "Sanne"), then
 * the capitalised one ("Noor" over "noor"), then the one with more turns.
 */
export function suggestSpeakerMerges(speakers: readonly string[], turns: readonly TranscriptTurn[]): SpeakerMerge[] {
  if (speakers.length < 2 || speakers.length > MAX_SPEAKERS) return [];
  const turnCount = new Map<string, number>();
  for (const turn of turns) turnCount.set(turn.speaker, (turnCount.get(turn.speaker) ?? 0) + 1);
  const grouped = new Set<string>();
  const groups: string[][] = [];
  for (const speaker of speakers) {
    if (grouped.has(speaker)) continue;
    const group = [speaker];
    for (const other of speakers) {
      if (other === speaker || grouped.has(other)) continue;
      if (group.every((member) => samePerson(member, other))) group.push(other);
    }
    if (group.length < 2) continue;
    for (const member of group) grouped.add(member);
    groups.push(group);
  }
  const fullness = (name: string) => name.split(/[\s.,()]+/).filter(Boolean).length;
  const capitalised = (name: string) => (/^\p{Lu}/u.test(name) ? 1 : 0);
  return groups.map((group) => {
    const [into, ...from] = [...group].sort((a, b) => fullness(b) - fullness(a)
      || capitalised(b) - capitalised(a)
      || (turnCount.get(b) ?? 0) - (turnCount.get(a) ?? 0)
      || speakers.indexOf(a) - speakers.indexOf(b));
    return { into: into!, from };
  });
}
