import { z } from 'zod';
import { BlockSchema, type BlockNode, type DialogueDoc } from './editorDoc';

/**
 * An autosave that sends what changed, not the whole document. Slate never mutates a document:
 * an edit makes new objects along the path it changes and keeps every other node as it was, so
 * comparing the saved document with the editor's by identity finds the changed blocks in
 * microseconds, and the request carries a few blocks instead of a 50,000-turn transcript (whose
 * structured clone alone stalls the renderer for about 100 ms).
 *
 * Per changed section one splice: the blocks between the longest unchanged prefix and suffix.
 * `lengths` is every section's block count after the patch, so the backend can tell that it
 * applies the patch to the document the editor diffed against (else it asks for a full save).
 */
export interface SectionSplice { section: number; start: number; deleteCount: number; insert: BlockNode[] }
export interface DocPatch { splices: SectionSplice[]; lengths: number[] }

const MAX_SECTIONS = 100;

export const DocPatchSchema = z.object({
  splices: z.array(z.object({
    section: z.number().int().min(0).max(MAX_SECTIONS - 1),
    start: z.number().int().min(0),
    deleteCount: z.number().int().min(0),
    insert: z.array(BlockSchema),
  }).strict()).max(MAX_SECTIONS),
  lengths: z.array(z.number().int().min(1)).max(MAX_SECTIONS),
}).strict() as unknown as z.ZodType<DocPatch>;

/**
 * The patch that turns `base` into `next`, or null when their sections differ (a different
 * template layout cannot be patched: the caller saves the whole document).
 */
export function diffDoc(base: DialogueDoc, next: DialogueDoc): DocPatch | null {
  if (base.length !== next.length) return null;
  const splices: SectionSplice[] = [];
  for (let section = 0; section < next.length; section++) {
    const before = base[section]!;
    const after = next[section]!;
    if (before === after) continue;
    if (before.sectionKey !== after.sectionKey || before.type !== after.type) return null;
    const old = before.children;
    const now = after.children;
    if (old === now) continue;
    let prefix = 0;
    const shorter = Math.min(old.length, now.length);
    while (prefix < shorter && old[prefix] === now[prefix]) prefix++;
    let suffix = 0;
    while (suffix < shorter - prefix && old[old.length - 1 - suffix] === now[now.length - 1 - suffix]) suffix++;
    if (prefix === old.length && prefix === now.length) continue;
    splices.push({ section, start: prefix, deleteCount: old.length - prefix - suffix, insert: now.slice(prefix, now.length - suffix) });
  }
  return { splices, lengths: next.map((section) => section.children.length) };
}

/**
 * `base` with the patch applied; throws when the patch does not fit it (a splice out of range,
 * two splices for one section, or block counts other than the editor's), so that a patch made
 * against another version is never applied.
 */
export function applyDocPatch(base: DialogueDoc, patch: DocPatch): DialogueDoc {
  if (patch.lengths.length !== base.length) throw new RangeError('patch: section count');
  const next = base.slice();
  const seen = new Set<number>();
  for (const { section, start, deleteCount, insert } of patch.splices) {
    const current = base[section];
    if (!current || seen.has(section)) throw new RangeError('patch: section');
    seen.add(section);
    if (start + deleteCount > current.children.length) throw new RangeError('patch: range');
    // Array literals, not splice(...insert): a first save after loading may insert 50,000 blocks,
    // more than a call's arguments may hold.
    const children = [...current.children.slice(0, start), ...insert, ...current.children.slice(start + deleteCount)];
    next[section] = { ...current, children };
  }
  next.forEach((section, index) => {
    if (section.children.length !== patch.lengths[index]) throw new RangeError('patch: length');
  });
  return next;
}
