import type { TranscriptTurn } from '../../../shared/dialogueSchemas';
import { type PseudonymRule, pseudonymiser } from './pseudonymise';
import type { RawTurn } from './turns';

export interface Assembled { turns: TranscriptTurn[]; speakers: string[] }

/**
 * Raw turns → the turns the mentor sees: whitespace collapsed, names replaced, empty turns
 * dropped (a heading or `Name:` with nothing after it carries no words), and consecutive turns of
 * one speaker merged, keeping the first start time. Names are replaced before merging, so
 * "Sanne" and "Sanne de Vries" that both become "Leerling" form one turn.
 * Speakers compare exactly after that: "mentor" and "Mentor" stay two speakers, because
 * guessing that they are the same person is not the parser's call.
 */
export function assembleTurns(raw: readonly RawTurn[], pseudonyms: readonly PseudonymRule[]): Assembled {
  const replace = pseudonymiser(pseudonyms);
  // A replacement is free text that may hold a line break or double space, so replaced text is
  // tidied again; without names there is nothing to tidy, and on 10 MB the pass is not free.
  const tidy = pseudonyms.length === 0 ? (text: string) => text : normaliseSpace;
  const merged: { speaker: string; parts: string[]; startMs: number | null }[] = [];
  for (const turn of raw) {
    const speaker = tidy(replace(normaliseSpace(turn.speaker)));
    const text = tidy(replace(normaliseSpace(turn.text)));
    if (speaker === '' || text === '') continue;
    const last = merged.at(-1);
    if (last?.speaker === speaker) last.parts.push(text);
    else merged.push({ speaker, parts: [text], startMs: turn.startMs });
  }
  const turns = merged.map(({ speaker, parts, startMs }) => ({ speaker, text: parts.join(' '), startMs }));
  return { turns, speakers: [...new Set(turns.map((turn) => turn.speaker))] };
}

// Only runs that change: rewriting every single space as a space costs seconds on 10 MB.
const UNUSUAL_SPACE = /\s{2,}|[^\S ]/g;

export function normaliseSpace(text: string): string {
  return text.replace(UNUSUAL_SPACE, ' ').trim();
}
