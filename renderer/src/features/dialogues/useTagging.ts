import { useCallback, useMemo, useState } from 'react';
import type { Editor, Range } from 'slate';
import { Editor as SlateEditor } from 'slate';
import type { Annotation } from '../../../../shared/dialogueSchemas';
import { getApi } from '../../api';
import { addAnnotationMark, removeAnnotationMark, takePageSelection } from '../editor/editorCommands';
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
    // Shift+arrows and at once Ctrl+Shift+T: the editor may not have read that selection yet.
    takePageSelection(editor);
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

function sameAnnotations(a: Annotation[], b: Annotation[]): boolean {
  return a.length === b.length && a.every((annotation, index) => {
    const other = b[index]!;
    return annotation.id === other.id && annotation.quote === other.quote && annotation.updatedAt === other.updatedAt
      && annotation.codeId === other.codeId && annotation.memo === other.memo;
  });
}
