import type { BaseEditor, BaseRange } from 'slate';
import type { HistoryEditor } from 'slate-history';
import type { ReactEditor } from 'slate-react';
import type { ListItemNode, ListNode, ParagraphNode, SectionNode, TextLeaf } from '../../../../shared/editorDoc';

// Slate's node types are the dialogue document's own (shared/editorDoc.ts).
declare module 'slate' {
  interface CustomTypes {
    Editor: BaseEditor & ReactEditor & HistoryEditor;
    Element: SectionNode | ParagraphNode | ListNode | ListItemNode;
    Text: TextLeaf;
    /** Decorations carry transient marks (search hits, the turn being heard) onto the leaves they cover. */
    Range: BaseRange & { highlight?: boolean; playing?: boolean };
  }
}
