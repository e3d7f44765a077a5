import type { ParsedTranscript } from './dialogueSchemas';

/**
 * A parsed transcript with the speakers `from` renamed to `into`, as the mentor chose in the
 * import dialog: turns of one speaker that now follow each other become one turn (keeping the
 * first start time), as the parser itself merges them, and the offer is gone. Nothing is stored;
 * this only changes what the dialog will insert.
 */
export function mergeSpeakers(parsed: ParsedTranscript, into: string, from: readonly string[]): ParsedTranscript {
  const renamed = new Set(from.filter((name) => name !== into));
  const turns: ParsedTranscript['turns'] = [];
  for (const turn of parsed.turns) {
    const speaker = renamed.has(turn.speaker) ? into : turn.speaker;
    const last = turns.at(-1);
    if (last?.speaker === speaker) last.text = `${last.text} ${turn.text}`;
    else turns.push({ ...turn, speaker });
  }
  const speakers = [...new Set(turns.map((turn) => turn.speaker))];
  const suggestedMerges = (parsed.suggestedMerges ?? [])
    .map((merge) => ({ into: renamed.has(merge.into) ? into : merge.into, from: merge.from.filter((name) => !renamed.has(name) && name !== into) }))
    .filter((merge) => merge.from.length > 0 && merge.from.every((name) => speakers.includes(name)) && speakers.includes(merge.into));
  const result: ParsedTranscript = { ...parsed, turns, speakers };
  if (suggestedMerges.length > 0) result.suggestedMerges = suggestedMerges;
  else delete result.suggestedMerges;
  return result;
}
