import { Editor, Element, Range, Text, Transforms } from 'slate';
import { ReactEditor } from 'slate-react';
import { ANNOTATION_MARK_PREFIX, type ListItemNode, type ParagraphNode } from '../../../../shared/editorDoc';
import type { ParticipantRole } from '../../../../shared/domain';
import './slateTypes';

export type MarkFormat = 'bold' | 'italic';
export type ListFormat = 'bulleted-list' | 'numbered-list';

export function isMarkActive(editor: Editor, format: MarkFormat): boolean {
  return Editor.marks(editor)?.[format] === true;
}

export function toggleMark(editor: Editor, format: MarkFormat): void {
  if (isMarkActive(editor, format)) Editor.removeMark(editor, format);
  else Editor.addMark(editor, format, true);
}

const isList = (node: unknown): boolean =>
  Element.isElement(node) && (node.type === 'bulleted-list' || node.type === 'numbered-list');

export function isListActive(editor: Editor, format: ListFormat): boolean {
  const [match] = Editor.nodes(editor, { match: (node) => Element.isElement(node) && node.type === format });
  return Boolean(match);
}

export function toggleList(editor: Editor, format: ListFormat): void {
  const active = isListActive(editor, format);
  Editor.withoutNormalizing(editor, () => {
    Transforms.unwrapNodes(editor, { match: isList, split: true });
    Transforms.setNodes<ParagraphNode | ListItemNode>(editor, { type: active ? 'paragraph' : 'list-item' }, {
      match: (node) => Element.isElement(node) && (node.type === 'paragraph' || node.type === 'list-item'),
    });
    if (!active) Transforms.wrapNodes(editor, { type: format, children: [] }, { match: (node) => Element.isElement(node) && node.type === 'list-item' });
  });
}

export function addAnnotationMark(editor: Editor, range: Range, annotationId: string): void {
  Transforms.setNodes(editor, { [`${ANNOTATION_MARK_PREFIX}${annotationId}`]: true }, { at: range, match: Text.isText, split: true });
}

/** Removes one annotation's marks everywhere in the document. */
export function removeAnnotationMark(editor: Editor, annotationId: string): void {
  const key = `${ANNOTATION_MARK_PREFIX}${annotationId}`;
  Transforms.unsetNodes(editor, key, { at: [], match: (node) => Text.isText(node) && (node as unknown as Record<string, unknown>)[key] === true, mode: 'all' });
}

/** The range an annotation covers (first to last marked text), or null if its words are gone. */
export function annotationRange(editor: Editor, annotationId: string): Range | null {
  const key = `${ANNOTATION_MARK_PREFIX}${annotationId}`;
  const entries = [...Editor.nodes(editor, { at: [], match: (node) => Text.isText(node) && (node as unknown as Record<string, unknown>)[key] === true })];
  if (entries.length === 0) return null;
  const [, firstPath] = entries[0]!;
  const [lastNode, lastPath] = entries[entries.length - 1]!;
  return { anchor: { path: firstPath, offset: 0 }, focus: { path: lastPath, offset: (lastNode as Text).text.length } };
}

/** Selects an annotation's words and scrolls them into view. */
/**
 * Takes the page's selection into the editor when it is ahead. The browser extends a selection
 * itself on Shift+arrows (slate-react handles only plain arrows), and slate-react reads it on
 * selectionchange, throttled to 100 ms. Until then the editor's selection is stale: Ctrl+Shift+T
 * at once tagged nothing (keyboard walk, tests/e2e/keyboardPath.e2e.ts, reproduced). A render in
 * between can also write the stale selection back over the page's; the walk once tagged
 * "m zitten" for "klem zitten", likely so (not reproduced since), hence the editor's keyup too.
 */
export function takePageSelection(editor: Editor): void {
  const page = window.getSelection();
  if (!page || page.rangeCount === 0 || !page.anchorNode || !ReactEditor.hasDOMNode(editor, page.anchorNode, { editable: true })) return;
  const range = ReactEditor.toSlateRange(editor, page, { exactMatch: false, suppressThrow: true });
  if (range && !(editor.selection && Range.equals(range, editor.selection))) Transforms.select(editor, range);
}

export function revealAnnotation(editor: Editor, annotationId: string): boolean {
  const range = annotationRange(editor, annotationId);
  if (!range) return false;
  // Focus first: slate-react copies the selection to the DOM only while the editor has focus.
  ReactEditor.focus(editor);
  Transforms.select(editor, range);
  try {
    const dom = ReactEditor.toDOMRange(editor, range);
    dom.startContainer.parentElement?.scrollIntoView({ block: 'center' });
  } catch {
    /* not rendered yet (chunked); the selection still moved */
  }
  return true;
}

/** `startMs`: the turn's start in the transcript or recording, when the source had one. */
export interface Turn { speaker: string; role: ParticipantRole; text: string; startMs?: number | null | undefined }

/** The document keeps start times from 0 to 24 h (editorDoc's schema); others are dropped, not stored. */
const MAX_START_MS = 86_400_000;

export function turnParagraph(turn: Turn): ParagraphNode {
  const node: ParagraphNode = { type: 'paragraph', speaker: turn.speaker, role: turn.role, children: [{ text: turn.text }] };
  const { startMs } = turn;
  if (typeof startMs === 'number' && Number.isInteger(startMs) && startMs >= 0 && startMs <= MAX_START_MS) node.startMs = startMs;
  return node;
}

/** Appends speaker turns to a section, replacing its single empty paragraph if that is all it has. */
export function insertTurns(editor: Editor, sectionIndex: number, turns: Turn[]): void {
  const nodes: ParagraphNode[] = turns.map(turnParagraph);
  const section = editor.children[sectionIndex] as Element | undefined;
  if (!section || nodes.length === 0) return;
  Editor.withoutNormalizing(editor, () => {
    const onlyEmpty = section.children.length === 1 && Editor.string(editor, [sectionIndex, 0]) === '';
    Transforms.insertNodes(editor, nodes, { at: [sectionIndex, section.children.length] });
    if (onlyEmpty) Transforms.removeNodes(editor, { at: [sectionIndex, 0] });
  });
}
