import { BUILTIN_CODES, CODE_COLORS, CODE_CUES } from '../../../shared/builtins/codes';
import { foldForMatch } from '../../../shared/textFold';
import type { Services } from '../services';

/**
 * Codes from a file (REFI-QDA codebook, a pack) into the codebook: a code whose name the vault
 * already has is that code (folded: case, accents and spacing do not count, and a built-in
 * answers to its Dutch and its English name); any other is created, under the code its parent
 * became, with the file's colour where it has a valid one. The vault's codes are never renamed,
 * moved or recoloured by an import.
 */

export interface IncomingCode { ref: string; name: string; color: string | null; parentRef: string | null }

export interface CodeMergeResult {
  /** File reference → code id in the vault. */
  ids: Map<string, string>;
  created: number;
  merged: number;
}

export function codeKey(name: string): string {
  return foldForMatch(name.replace(/\s+/g, ' ').trim());
}

const builtinNames = new Map(BUILTIN_CODES.map((code) => [code.key, [code.name.nl, code.name.en]]));

/** Parents before children, whatever order the file lists them in; a missing parent or a loop makes a code top-level. */
function parentsFirst(codes: readonly IncomingCode[]): IncomingCode[] {
  const refs = new Set(codes.map((code) => code.ref));
  const placed = new Set<string>();
  const ordered: IncomingCode[] = [];
  let pending = [...codes];
  while (pending.length > 0) {
    const next: IncomingCode[] = [];
    for (const code of pending) {
      if (!code.parentRef || !refs.has(code.parentRef) || placed.has(code.parentRef)) {
        ordered.push(code);
        placed.add(code.ref);
      } else {
        next.push(code);
      }
    }
    if (next.length === pending.length) {
      // A loop: the rest goes in as it is, top-level where the parent is not placed.
      for (const code of next) ordered.push({ ...code, parentRef: null });
      break;
    }
    pending = next;
  }
  return ordered;
}

/**
 * Merges `codes` into the vault's codebook. With `now` null nothing is written (the preview's
 * counts); otherwise new codes are created, so call it inside the import's transaction.
 */
export function mergeCodes(services: Services, codes: readonly IncomingCode[], now: string | null): CodeMergeResult {
  const byKey = new Map<string, string>();
  for (const code of services.codes.list()) {
    const names = [code.name, ...(code.builtinKey ? builtinNames.get(code.builtinKey) ?? [] : [])];
    for (const name of names) {
      const key = codeKey(name);
      if (!byKey.has(key)) byKey.set(key, code.id);
    }
  }
  const ids = new Map<string, string>();
  const createdIds = new Set<string>();
  const mergedIds = new Set<string>();
  let custom = services.codes.customCount();
  for (const code of parentsFirst(codes)) {
    const key = codeKey(code.name);
    const found = byKey.get(key);
    if (found) {
      ids.set(code.ref, found);
      if (!createdIds.has(found)) mergedIds.add(found);
      continue;
    }
    const parentId = code.parentRef ? ids.get(code.parentRef) ?? null : null;
    const color = code.color ?? CODE_COLORS[custom % CODE_COLORS.length]!;
    // Round robin, as codes:create does, so that neighbouring new codes differ in line style too.
    const cue = CODE_CUES[custom % CODE_CUES.length]!;
    const id = now === null ? `new:${code.ref}` : services.codes.create({ name: code.name.replace(/\s+/g, ' ').trim(), color, cue, parentId }, now).id;
    custom += 1;
    byKey.set(key, id);
    createdIds.add(id);
    ids.set(code.ref, id);
  }
  return { ids, created: createdIds.size, merged: mergedIds.size };
}
