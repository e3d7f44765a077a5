import { useMemo, useRef } from 'react';
import type { Annotation, Code } from '../../../../shared/dialogueSchemas';
import type { TagStyle } from './editorContexts';

/** How each annotation looks, by annotation id: its code's colour, underline cue and name. */
export function tagStylesOf(annotations: readonly Annotation[], codes: ReadonlyMap<string, Code>): Map<string, TagStyle> {
  const styles = new Map<string, TagStyle>();
  for (const annotation of annotations) {
    const code = codes.get(annotation.codeId);
    if (code) styles.set(annotation.id, { color: code.color, cue: code.cue, name: code.name });
  }
  return styles;
}

export function sameTagStyles(a: ReadonlyMap<string, TagStyle>, b: ReadonlyMap<string, TagStyle>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, style] of a) {
    const other = b.get(id);
    if (!other || other.color !== style.color || other.cue !== style.cue || other.name !== style.name) return false;
  }
  return true;
}

/**
 * The tag styles as one map that keeps its identity while no style changes. Every text leaf
 * reads it from context, so a new map re-renders the whole document; saves bring new annotation
 * objects (a quote that grew as the mentor typed in a tag) far more often than new styles.
 */
export function useTagStylesOf(annotations: readonly Annotation[], codes: ReadonlyMap<string, Code>): ReadonlyMap<string, TagStyle> {
  const previous = useRef<ReadonlyMap<string, TagStyle> | null>(null);
  return useMemo(() => {
    const next = tagStylesOf(annotations, codes);
    if (previous.current && sameTagStyles(previous.current, next)) return previous.current;
    previous.current = next;
    return next;
  }, [annotations, codes]);
}
