import type { RenderChunkProps } from 'slate-react';
import './documentChunk.css';

/**
 * Stable render function for Slate's chunks (see withDialogueSchema): a plain block, which the
 * stylesheet lets skip rendering while off screen once it is full.
 */
export function DocumentChunk({ attributes, lowest, children }: RenderChunkProps) {
  return <div {...attributes} className={lowest ? 'doc-chunk' : undefined}>{children}</div>;
}
