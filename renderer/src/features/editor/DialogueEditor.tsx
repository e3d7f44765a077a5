import { type KeyboardEvent, memo, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Descendant, Editor, NodeEntry, Range } from 'slate';
import { Editable, Slate } from 'slate-react';
import type { DialogueDoc } from '../../../../shared/editorDoc';
import { DocumentChunk } from './DocumentChunk';
import { DocumentElement } from './DocumentElement';
import { DocumentLeaf } from './DocumentLeaf';
import { takePageSelection, toggleMark } from './editorCommands';
import { EditorToolbar } from './EditorToolbar';

interface Props {
  editor: Editor;
  decorate?: ((entry: NodeEntry) => Range[]) | undefined;
  initialValue: DialogueDoc;
  readOnly: boolean;
  label: string;
  onContentChange(): void;
  onTag(): void;
  onSaveNow(): void;
}

/** The dialogue's text: one Slate document, one block per template section. */
export const DialogueEditor = memo(function DialogueEditor({ editor, decorate, initialValue, readOnly, label, onContentChange, onTag, onSaveNow }: Props) {
  const { i18n } = useTranslation();
  const onChange = useCallback(() => {
    // Selection moves are not edits; only real changes make the document dirty.
    if (editor.operations.some((operation) => operation.type !== 'set_selection')) onContentChange();
  }, [editor, onContentChange]);

  const onKeyDown = useCallback((event: KeyboardEvent): boolean | undefined => {
    const mod = event.ctrlKey || event.metaKey;
    // A plain character is typed through beforeinput. Telling Slate the keydown is handled skips
    // its own keydown work, which has nothing to do for such a key but first takes the text of
    // the whole top-level block (here a section: the entire transcript) to guess its direction.
    if (!mod && !event.altKey && event.key.length === 1) return true;
    if (!mod) return undefined;
    const key = event.key.toLowerCase();
    if (key === 'b' && !event.shiftKey) { event.preventDefault(); toggleMark(editor, 'bold'); }
    else if (key === 'i' && !event.shiftKey) { event.preventDefault(); toggleMark(editor, 'italic'); }
    else if (key === 't' && event.shiftKey) { event.preventDefault(); onTag(); }
    else if (key === 's') { event.preventDefault(); onSaveNow(); }
    else if (key === 'y' || (key === 'z' && event.shiftKey)) { event.preventDefault(); editor.redo(); }
  }, [editor, onTag, onSaveNow]);

  // Keys the browser moves the selection on by itself: the editor takes it at once (see takePageSelection).
  const onKeyUp = useCallback((event: KeyboardEvent) => {
    if (event.shiftKey || event.key === 'Home' || event.key === 'End' || event.key.startsWith('Page')) takePageSelection(editor);
  }, [editor]);

  return (
    <Slate editor={editor} initialValue={initialValue as unknown as Descendant[]} onChange={onChange}>
      {!readOnly && <EditorToolbar onTag={onTag} readOnly={readOnly} />}
      <Editable
        className={readOnly ? 'dialogue-editor read-only' : 'dialogue-editor'}
        readOnly={readOnly}
        renderElement={DocumentElement}
        renderChunk={DocumentChunk}
        renderLeaf={DocumentLeaf}
        decorate={decorate}
        onKeyDown={onKeyDown}
        onKeyUp={onKeyUp}
        spellCheck
        lang={i18n.language}
        aria-label={label}
        aria-multiline="true"
        role="textbox"
      />
    </Slate>
  );
});
