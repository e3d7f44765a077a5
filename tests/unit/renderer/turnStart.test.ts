import { describe, expect, it } from 'vitest';
import { createEditor, type Descendant, Editor, Transforms } from 'slate';
import { withHistory } from 'slate-history';
import { DialogueDocSchema, type DialogueDoc, type ParagraphNode } from '../../../shared/editorDoc';
import { insertTurns, turnParagraph } from '../../../renderer/src/features/editor/editorCommands';
import { withDialogueSchema } from '../../../renderer/src/features/editor/withDialogueSchema';

function editorWith(doc: DialogueDoc) {
  const editor = withDialogueSchema(withHistory(createEditor()));
  editor.children = doc as unknown as Descendant[];
  return editor;
}

const paragraphs = (editor: Editor) => (editor.children[0] as unknown as { children: ParagraphNode[] }).children;

describe('a turn’s start time in the document (startMs)', () => {
  it('imported turns carry their start time into the paragraphs; turns without one have none', () => {
    const editor = editorWith([{ type: 'section', sectionKey: 'a', children: [{ type: 'paragraph', children: [{ text: '' }] }] }]);
    insertTurns(editor, 0, [
      { speaker: 'Mentor', role: 'mentor', text: 'Hoe ging het?', startMs: 1_250 },
      { speaker: 'Sanne', role: 'student', text: 'Goed.', startMs: null },
    ]);
    expect(paragraphs(editor)).toEqual([
      { type: 'paragraph', speaker: 'Mentor', role: 'mentor', startMs: 1_250, children: [{ text: 'Hoe ging het?' }] },
      { type: 'paragraph', speaker: 'Sanne', role: 'student', children: [{ text: 'Goed.' }] },
    ]);
    // And the document still passes the schema the vault checks on save.
    expect(DialogueDocSchema.safeParse(editor.children).success).toBe(true);
  });

  it('a start time the document cannot hold (over 24 h, negative, fractional) is dropped, not stored', () => {
    expect(turnParagraph({ speaker: 'A', role: 'other', text: 'x', startMs: 90_000_000 }).startMs).toBeUndefined();
    expect(turnParagraph({ speaker: 'A', role: 'other', text: 'x', startMs: -1 }).startMs).toBeUndefined();
    expect(turnParagraph({ speaker: 'A', role: 'other', text: 'x', startMs: 1.5 }).startMs).toBeUndefined();
    expect(turnParagraph({ speaker: 'A', role: 'other', text: 'x', startMs: 86_400_000 }).startMs).toBe(86_400_000);
  });

  it('normalisation keeps it (a whole-document pass)', () => {
    const editor = editorWith([{ type: 'section', sectionKey: 'a', children: [
      { type: 'paragraph', speaker: 'Mentor', role: 'mentor', startMs: 5_000, children: [{ text: 'Hoe ging het?' }] },
    ] }]);
    Editor.normalize(editor, { force: true });
    expect(paragraphs(editor)[0]!.startMs).toBe(5_000);
    // Typing in the turn keeps it too.
    Transforms.insertText(editor, ' Echt?', { at: Editor.end(editor, [0, 0]) });
    expect(paragraphs(editor)[0]).toMatchObject({ startMs: 5_000, children: [{ text: 'Hoe ging het? Echt?' }] });
  });

  const oneTurn = (): DialogueDoc => [{ type: 'section', sectionKey: 'a', children: [
    { type: 'paragraph', speaker: 'Mentor', role: 'mentor', startMs: 5_000, children: [{ text: 'Hoe ging het op stage?' }] },
  ] }];

  it('splitting a turn in the middle: the first half keeps the start, the second has none', () => {
    const editor = editorWith(oneTurn());
    Transforms.select(editor, { path: [0, 0, 0], offset: 'Hoe ging het'.length });
    editor.insertBreak();
    const [first, second] = paragraphs(editor);
    expect(first).toMatchObject({ startMs: 5_000, children: [{ text: 'Hoe ging het' }] });
    expect(second!.startMs).toBeUndefined();
    expect(second!.children[0]!.text).toBe(' op stage?');
  });

  it('a break at the turn’s end: the new empty paragraph has no start (nor speaker)', () => {
    const editor = editorWith(oneTurn());
    Transforms.select(editor, Editor.end(editor, [0, 0]));
    editor.insertBreak();
    const [first, second] = paragraphs(editor);
    expect(first!.startMs).toBe(5_000);
    expect(second).toEqual({ type: 'paragraph', children: [{ text: '' }] });
  });

  it('a break at the turn’s start: the words moved down keep the start, the empty line above has none', () => {
    const editor = editorWith(oneTurn());
    Transforms.select(editor, Editor.start(editor, [0, 0]));
    editor.insertBreak();
    const [first, second] = paragraphs(editor);
    expect(first!.startMs).toBeUndefined();
    expect(second).toMatchObject({ startMs: 5_000, children: [{ text: 'Hoe ging het op stage?' }] });
  });

  it('undo of a split brings back one turn with its start', () => {
    const editor = editorWith(oneTurn());
    Transforms.select(editor, { path: [0, 0, 0], offset: 3 });
    editor.insertBreak();
    editor.undo();
    expect(paragraphs(editor)).toEqual(oneTurn()[0]!.children);
  });
});
