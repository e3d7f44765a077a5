import { Editor, Element, Node, type NodeEntry, Path, Range, Transforms } from 'slate';
import type { ListItemNode, ParagraphNode } from '../../../../shared/editorDoc';
import './slateTypes';

/**
 * Blocks per chunk. A keystroke re-renders one chunk and the section's list of chunks, both about
 * √n for the ~330 turns of a 20,000-word transcript. documentChunk.css knows this number too.
 */
const CHUNK_SIZE = 24;

const isSection = (node: Node): boolean => Element.isElement(node) && node.type === 'section';

/**
 * Keeps the document's shape: the template's sections, in order, always there; each holds at
 * least one block. Deleting across sections clears text inside each instead of merging them.
 * Long sections render in chunks, so typing stays quick in a 20,000-word transcript.
 */
export function withDialogueSchema(editor: Editor): Editor {
  const { normalizeNode, deleteFragment, deleteBackward, deleteForward, insertBreak } = editor;

  editor.getChunkSize = (node) => (Element.isElement(node) && node.type === 'section' ? CHUNK_SIZE : null);

  editor.normalizeNode = (entry: NodeEntry) => {
    const [node, path] = entry;
    if (path.length === 0) {
      // A block that ended up at the top level goes back into the section before it.
      for (let index = 0; index < editor.children.length; index++) {
        const child = editor.children[index]!;
        if (!isSection(child)) {
          const target = index > 0 ? index - 1 : 1;
          const section = editor.children[target];
          if (section && isSection(section)) {
            const into = index > 0 ? [target, (section as Element).children.length] : [target, 0];
            Transforms.moveNodes(editor, { at: [index], to: into });
          } else {
            Transforms.removeNodes(editor, { at: [index] });
          }
          return;
        }
      }
    }
    if (Element.isElement(node) && node.type === 'section') {
      if (node.children.length === 0) {
        Transforms.insertNodes(editor, { type: 'paragraph', children: [{ text: '' }] }, { at: [...path, 0] });
        return;
      }
      for (let index = 0; index < node.children.length; index++) {
        const child = node.children[index]!;
        // Sections pasted into a section give up their content, not their frame.
        if (Element.isElement(child) && (child as Element).type === 'section') {
          Transforms.unwrapNodes(editor, { at: [...path, index] });
          return;
        }
        if (!Element.isElement(child)) {
          Transforms.wrapNodes(editor, { type: 'paragraph', children: [] }, { at: [...path, index] });
          return;
        }
      }
    }
    if (Element.isElement(node) && (node.type === 'bulleted-list' || node.type === 'numbered-list')) {
      for (let index = 0; index < node.children.length; index++) {
        const child = node.children[index]!;
        if (Element.isElement(child) && child.type !== 'list-item') {
          Transforms.setNodes<ListItemNode>(editor, { type: 'list-item' }, { at: [...path, index] });
          return;
        }
      }
    }
    normalizeNode(entry);
  };

  editor.deleteFragment = (options) => {
    const { selection } = editor;
    if (selection && Range.isExpanded(selection)) {
      const [start, end] = Range.edges(selection);
      const first = start.path[0]!;
      const last = end.path[0]!;
      if (first !== last) {
        Editor.withoutNormalizing(editor, () => {
          for (let index = last; index >= first; index--) {
            const from = index === first ? start : Editor.start(editor, [index]);
            const to = index === last ? end : Editor.end(editor, [index]);
            Transforms.delete(editor, { at: { anchor: from, focus: to } });
          }
        });
        Transforms.select(editor, Editor.start(editor, start.path.slice(0, 1).concat(start.path.slice(1)) as Path));
        return;
      }
    }
    deleteFragment(options);
  };

  const atSectionEdge = (edge: 'start' | 'end'): boolean => {
    const { selection } = editor;
    if (!selection || Range.isExpanded(selection)) return false;
    const sectionPath = selection.anchor.path.slice(0, 1);
    const point = edge === 'start' ? Editor.start(editor, sectionPath) : Editor.end(editor, sectionPath);
    return Path.equals(point.path, selection.anchor.path) && point.offset === selection.anchor.offset;
  };

  editor.deleteBackward = (unit) => {
    if (atSectionEdge('start')) {
      // At a list item's start, Backspace leaves the list instead of merging sections.
      const [list] = Editor.nodes(editor, { match: (n) => Element.isElement(n) && (n.type === 'bulleted-list' || n.type === 'numbered-list') });
      if (list) {
        Transforms.unwrapNodes(editor, { match: (n) => Element.isElement(n) && (n.type === 'bulleted-list' || n.type === 'numbered-list'), split: true });
        Transforms.setNodes<ParagraphNode>(editor, { type: 'paragraph' });
      }
      return;
    }
    deleteBackward(unit);
  };

  editor.deleteForward = (unit) => {
    if (atSectionEdge('end')) return;
    deleteForward(unit);
  };

  editor.insertBreak = () => {
    // Enter on an empty list item ends the list, as in every word processor.
    const [item] = Editor.nodes(editor, { match: (n) => Element.isElement(n) && n.type === 'list-item' });
    if (item && Editor.string(editor, item[1]) === '') {
      Transforms.unwrapNodes(editor, { match: (n) => Element.isElement(n) && (n.type === 'bulleted-list' || n.type === 'numbered-list'), split: true });
      Transforms.setNodes<ParagraphNode>(editor, { type: 'paragraph' });
      return;
    }
    insertBreak();
    // A new paragraph after a speaker turn is the mentor's own text, not the same speaker's.
    const [paragraph] = Editor.nodes(editor, { match: (n) => Element.isElement(n) && n.type === 'paragraph' });
    if (paragraph && (paragraph[0] as { speaker?: string }).speaker && Editor.string(editor, paragraph[1]) === '') {
      Transforms.unsetNodes(editor, ['speaker', 'role'], { at: paragraph[1] });
    }
    if (paragraph) keepStartOnce(editor, paragraph[1]);
  };

  return editor;
}

/**
 * After a split, both halves carry the turn's start time (Slate copies every property). Only
 * one of them starts there: the half that holds the words when the other is empty (a break at
 * the turn's very start or end), otherwise the first. The other half has no start of its own.
 */
function keepStartOnce(editor: Editor, secondPath: Path): void {
  const second = Node.get(editor, secondPath) as ParagraphNode;
  if (second.startMs === undefined || secondPath[secondPath.length - 1] === 0) return;
  const firstPath = Path.previous(secondPath);
  const first = Node.get(editor, firstPath) as ParagraphNode;
  if (!Element.isElement(first) || first.type !== 'paragraph' || first.startMs !== second.startMs) return;
  const firstEmpty = Editor.string(editor, firstPath) === '';
  const secondEmpty = Editor.string(editor, secondPath) === '';
  Transforms.unsetNodes(editor, 'startMs', { at: firstEmpty && !secondEmpty ? firstPath : secondPath });
}
