import type { CSSProperties } from 'react';
import type { RenderLeafProps } from 'slate-react';
import { leafAnnotationIds } from '../../../../shared/editorDoc';
import { useTagStyles } from './editorContexts';

/**
 * A run of text with its marks. Tags show as a tinted background in the first code's colour,
 * an underline in that code's own style (solid, dashed, dotted, double, wavy: a cue that does
 * not rely on colour), and one stacked bar per further overlapping tag.
 */
export function DocumentLeaf({ attributes, children, leaf }: RenderLeafProps) {
  const styles = useTagStyles();
  let content = children;
  if (leaf.bold) content = <strong>{content}</strong>;
  if (leaf.italic) content = <em>{content}</em>;
  if (leaf.highlight) content = <mark className="search-hit">{content}</mark>;
  if (leaf.playing) content = <mark className="playing-turn">{content}</mark>;
  const ids = leafAnnotationIds(leaf).filter((id) => styles.has(id));
  if (ids.length === 0) return <span {...attributes}>{content}</span>;

  const tags = ids.map((id) => styles.get(id)!);
  const first = tags[0]!;
  const style: CSSProperties = {
    backgroundColor: `${first.color}33`,
    textDecorationLine: 'underline',
    textDecorationStyle: first.cue,
    textDecorationColor: first.color,
    textDecorationThickness: '2px',
    textUnderlineOffset: '3px',
    boxShadow: tags.slice(1).map((tag, index) => `inset 0 -${(index + 1) * 3}px 0 ${tag.color}`).join(', ') || undefined,
  };
  return (
    <span {...attributes} className="tag" data-annotations={ids.join(' ')} title={tags.map((tag) => tag.name).join(' · ')} style={style}>
      {content}
    </span>
  );
}
