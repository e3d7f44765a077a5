import { useTranslation } from 'react-i18next';
import { type Editor, Range } from 'slate';
import { useSlateSelector, useSlateStatic } from 'slate-react';
import { isListActive, isMarkActive, type ListFormat, type MarkFormat, toggleList, toggleMark } from './editorCommands';

interface ToolbarState {
  bold: boolean;
  italic: boolean;
  'bulleted-list': boolean;
  'numbered-list': boolean;
  canUndo: boolean;
  canRedo: boolean;
  hasSelection: boolean;
}

const toolbarState = (editor: Editor): ToolbarState => ({
  bold: isMarkActive(editor, 'bold'),
  italic: isMarkActive(editor, 'italic'),
  'bulleted-list': isListActive(editor, 'bulleted-list'),
  'numbered-list': isListActive(editor, 'numbered-list'),
  canUndo: editor.history.undos.length > 0,
  canRedo: editor.history.redos.length > 0,
  hasSelection: Boolean(editor.selection && Range.isExpanded(editor.selection)),
});

const sameState = (a: ToolbarState | null, b: ToolbarState): boolean =>
  a !== null && (Object.keys(b) as (keyof ToolbarState)[]).every((key) => a[key] === b[key]);

/** Formatting buttons. mousedown is prevented so the editor keeps its selection. */
export function EditorToolbar({ onTag, readOnly }: { onTag(): void; readOnly: boolean }) {
  const { t } = useTranslation();
  const editor = useSlateStatic();
  // Re-render only when a button's state changes, not on every keystroke.
  const state = useSlateSelector(toolbarState, sameState);
  const { hasSelection } = state;
  const keep = (event: React.MouseEvent) => event.preventDefault();

  const mark = (format: MarkFormat, label: string, glyph: string, shortcut: string) => (
    <button type="button" className="tool" aria-pressed={state[format]} aria-label={label} title={`${label} (${shortcut})`}
      onMouseDown={keep} onClick={() => toggleMark(editor, format)} disabled={readOnly}>
      <span aria-hidden="true" className={`glyph glyph-${format}`}>{glyph}</span>
    </button>
  );
  const list = (format: ListFormat, label: string) => (
    <button type="button" className="tool" aria-pressed={state[format]} aria-label={label} title={label}
      onMouseDown={keep} onClick={() => toggleList(editor, format)} disabled={readOnly}>
      <ListIcon numbered={format === 'numbered-list'} />
    </button>
  );

  return (
    <div className="editor-toolbar" role="toolbar" aria-label={t('dialogue.toolbar.label')}>
      {mark('bold', t('dialogue.toolbar.bold'), 'B', 'Ctrl+B')}
      {mark('italic', t('dialogue.toolbar.italic'), 'I', 'Ctrl+I')}
      {list('bulleted-list', t('dialogue.toolbar.bulleted'))}
      {list('numbered-list', t('dialogue.toolbar.numbered'))}
      <span className="tool-sep" aria-hidden="true" />
      <button type="button" className="tool" aria-label={t('dialogue.toolbar.undo')} title={`${t('dialogue.toolbar.undo')} (Ctrl+Z)`}
        onMouseDown={keep} onClick={() => editor.undo()} disabled={readOnly || !state.canUndo}><ArrowIcon flip={false} /></button>
      <button type="button" className="tool" aria-label={t('dialogue.toolbar.redo')} title={`${t('dialogue.toolbar.redo')} (Ctrl+Y)`}
        onMouseDown={keep} onClick={() => editor.redo()} disabled={readOnly || !state.canRedo}><ArrowIcon flip /></button>
      <span className="tool-sep" aria-hidden="true" />
      <button type="button" className="button button-primary tool-tag" onMouseDown={keep} onClick={onTag}
        disabled={readOnly || !hasSelection} title={hasSelection ? `${t('dialogue.toolbar.tag')} (Ctrl+Shift+T)` : t('dialogue.toolbar.tagHint')}>
        {t('dialogue.toolbar.tag')}
      </button>
    </div>
  );
}

// Icons are drawn, not typed: text glyphs inside a labelled button confuse speech input and axe.
function ListIcon({ numbered }: { numbered: boolean }) {
  return (
    <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      {[4, 9, 14].map((y, index) => (
        <g key={y}>
          {numbered
            ? <rect x="1.5" y={y - 2} width="3" height="4" rx="0.5" fill="currentColor" opacity={0.55 + index * 0.15} />
            : <circle cx="3" cy={y} r="1.6" fill="currentColor" />}
          <rect x="7" y={y - 1} width="10" height="2" rx="1" fill="currentColor" />
        </g>
      ))}
    </svg>
  );
}

function ArrowIcon({ flip }: { flip: boolean }) {
  return (
    <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false" style={flip ? { transform: 'scaleX(-1)' } : undefined}>
      <path d="M7 4 3 8l4 4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M3.5 8H11a4 4 0 0 1 0 8H9" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}
