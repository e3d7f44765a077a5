import type { ParsedTranscript } from '../../../shared/dialogueSchemas';

export type SkipReason = ParsedTranscript['skipped'][number]['reason'];
export interface Skip { line: number; reason: SkipReason }

/** A turn as a format parser found it: not yet normalised, pseudonymised or merged. */
export interface RawTurn { speaker: string; text: string; startMs: number | null }

/** What every format parser hands back to parseTranscript. */
export interface Extracted { turns: RawTurn[]; skipped: Skip[] }

interface OpenTurn { speaker: string; parts: string[]; startMs: number | null }

/**
 * Collects turns and skips while a parser walks the file. Text arrives in pieces (wrapped lines,
 * several cue lines); the pieces are kept in an array and joined once, so a turn that grows line
 * by line never costs quadratic string copying.
 */
export class TurnCollector {
  private readonly turns: OpenTurn[] = [];
  private readonly skipped: Skip[] = [];
  private open: OpenTurn | null = null;

  start(speaker: string, text: string, startMs: number | null): void {
    this.open = { speaker, parts: [text], startMs };
    this.turns.push(this.open);
  }

  /** Appends to the turn in progress; false when there is none, so the caller can skip the text. */
  continue(text: string): boolean {
    if (!this.open) return false;
    this.open.parts.push(text);
    return true;
  }

  /** Ends the turn in progress: later speaker-less text must not be glued onto it. */
  close(): void {
    this.open = null;
  }

  skip(line: number, reason: SkipReason): void {
    this.skipped.push({ line, reason });
  }

  result(): Extracted {
    return {
      turns: this.turns.map(({ speaker, parts, startMs }) => ({ speaker, text: parts.join(' '), startMs })),
      skipped: this.skipped,
    };
  }
}
