import { type NodeEntry, Path, type Range, Text } from 'slate';
import '../editor/slateTypes';

/**
 * Marks the words of the turn being heard (a decoration: nothing in the document changes, so
 * nothing is saved or undone). Only the turn's own text leaves get a range.
 */
export function playingDecorate(turnPath: Path): (entry: NodeEntry) => Range[] {
  return ([node, path]) => {
    if (!Text.isText(node) || path.length !== turnPath.length + 1 || !Path.isParent(turnPath, path)) return [];
    return [{ anchor: { path, offset: 0 }, focus: { path, offset: node.text.length }, playing: true }];
  };
}

/** Both decorations at once: search hits and the turn being heard. */
export function combineDecorate(...decorators: (((entry: NodeEntry) => Range[]) | undefined)[]): ((entry: NodeEntry) => Range[]) | undefined {
  const present = decorators.filter((decorate): decorate is (entry: NodeEntry) => Range[] => decorate !== undefined);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return (entry) => present.flatMap((decorate) => decorate(entry));
}
