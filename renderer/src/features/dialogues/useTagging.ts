import { useCallback, useMemo, useState } from 'react';
import type { Editor, Range } from 'slate';
import { Editor as SlateEditor, Range as SlateRange, Transforms } from 'slate';
import { ReactEditor } from 'slate-react';
import type { Annotation } from '../../../../shared/dialogueSchemas';
import { getApi } from '../../api';
import { addAnnotationMark, removeAnnotationMark } from '../editor/editorCommands';
import type { TagChoice } from '../tags/TagDialog';

export type TagTarget = { mode: 'create'; range: Range; quote: string } | { mode: 'edit'; annotation: Annotation };

/**
 * The dialogue's tags: the list the side panel shows, and creating, changing and removing one
 * from the tag dialog. A tag made in this session shows its quote at once ("provisional"), before
 * the next save has stored the quote with it.
 */
export function useTagging(editor: Editor, dialogueId: string, initial: Annotation[]) {
  const [annotations, setAnnotations] = useState<Annotation[]>(initial);
  const [provisional, setProvisional] = useState<ReadonlyMap<string, string>>(new Map());
  const visibleAnnotations = useMemo(
    () => annotations.filter((annotation) => annotation.quote || provisional.has(annotation.id)), [annotations, provisional]);

  /** The selection as a new tag's target, or null when there is nothing (or only space) selected. */
  const targetOfSelection = useCallback((): TagTarget | null => {
    catchUpWithPageSelection(editor);
    const { selection } = editor;
    if (!selection || SlateEditor.string(editor, selection).trim() === '') return null;
    return { mode: 'create', range: selection, quote: SlateEditor.string(editor, selection) };
  }, [editor]);

  const submit = useCallback(async (target: TagTarget, choice: TagChoice) => {
    if (target.mode === 'create') {
      const created = await getApi().annotations.create({ dialogueId, ...choice });
      setAnnotations((all) => [...all, created]);
      setProvisional((map) => new Map(map).set(created.id, target.quote));
      addAnnotationMark(editor, target.range, created.id);
    } else {
      const updated = await getApi().annotations.update({ id: target.annotation.id, ...choice });
      setAnnotations((all) => all.map((annotation) => (annotation.id === updated.id ? updated : annotation)));
    }
  }, [editor, dialogueId]);

  const remove = useCallback(async (annotation: Annotation) => {
    await getApi().annotations.delete({ id: annotation.id });
    removeAnnotationMark(editor, annotation.id);
    setAnnotations((all) => all.filter((other) => other.id !== annotation.id));
  }, [editor]);

  /** After a save: most change no tag, and keeping the same array spares every tagged word a re-render. */
  const replaceAll = useCallback((next: Annotation[]) => {
    setAnnotations((current) => (sameAnnotations(current, next) ? current : next));
  }, []);

  return { annotations, visibleAnnotations, provisional, targetOfSelection, submit, remove, replaceAll };
}

/**
 * Takes the page's selection into the editor when it is ahead: slate-react reads a selection the
 * browser made (Shift+arrows) on selectionchange, throttled, so Shift+arrows and at once
 * Ctrl+Shift+T found the editor's selection still collapsed and opened nothing (keyboard walk,
 * tests/e2e/keyboardPath.e2e.ts, under load).
 */
function catchUpWithPageSelection(editor: Editor): void {
  const page = window.getSelection();
  if (!page || page.rangeCount === 0 || !page.anchorNode || !ReactEditor.hasDOMNode(editor, page.anchorNode, { editable: true })) return;
  const range = ReactEditor.toSlateRange(editor, page, { exactMatch: false, suppressThrow: true });
  if (range && !(editor.selection && SlateRange.equals(range, editor.selection))) Transforms.select(editor, range);
}

function sameAnnotations(a: Annotation[], b: Annotation[]): boolean {
  return a.length === b.length && a.every((annotation, index) => {
    const other = b[index]!;
    return annotation.id === other.id && annotation.quote === other.quote && annotation.updatedAt === other.updatedAt
      && annotation.codeId === other.codeId && annotation.memo === other.memo;
  });
}
