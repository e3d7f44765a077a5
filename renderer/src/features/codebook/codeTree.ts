import { CODE_COLORS } from '../../../../shared/builtins/codes';
import type { Code } from '../../../../shared/dialogueSchemas';

export interface CodeNode {
  code: Code;
  children: CodeNode[];
}

const bySiblingOrder = (a: Code, b: Code) => a.position - b.position || a.name.localeCompare(b.name);

/** The codes as a forest, siblings in codebook order. A code whose parent is missing becomes a root. */
export function buildTree(codes: readonly Code[]): CodeNode[] {
  const ids = new Set(codes.map((code) => code.id));
  const childrenOf = new Map<string | null, Code[]>();
  for (const code of codes) {
    const parent = code.parentId && ids.has(code.parentId) && code.parentId !== code.id ? code.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), code]);
  }
  const seen = new Set<string>();
  const grow = (parent: string | null): CodeNode[] =>
    (childrenOf.get(parent) ?? []).sort(bySiblingOrder).flatMap((code) => {
      // A cycle in stored data must not hang the screen; each code is shown once.
      if (seen.has(code.id)) return [];
      seen.add(code.id);
      return [{ code, children: grow(code.id) }];
    });
  return grow(null);
}

/** The code itself and everything nested under it: neither may become its parent or merge target. */
export function selfAndDescendants(codes: readonly Code[], id: string): Set<string> {
  const result = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const code of codes) {
      if (code.parentId && result.has(code.parentId) && !result.has(code.id)) {
        result.add(code.id);
        grew = true;
      }
    }
  }
  return result;
}

/** "Grenservaring › Ethisch": how a code is named in a list of choices, so nesting reads aloud too. */
export function pathName(codes: readonly Code[], code: Code): string {
  const byId = new Map(codes.map((each) => [each.id, each]));
  const names = [code.name];
  let parent = code.parentId ? byId.get(code.parentId) : undefined;
  while (parent && names.length < 20) {
    names.unshift(parent.name);
    parent = parent.parentId ? byId.get(parent.parentId) : undefined;
  }
  return names.join(' › ');
}

/** Every code in tree order (depth first), for selects. */
export function flatten(nodes: readonly CodeNode[]): Code[] {
  return nodes.flatMap((node) => [node.code, ...flatten(node.children)]);
}

export const COLOR_KEYS = ['orange', 'skyBlue', 'bluishGreen', 'yellow', 'blue', 'vermillion', 'reddishPurple', 'grey'] as const;
export type ColorKey = (typeof COLOR_KEYS)[number];

/** The palette name of a colour (its i18n key), or null for a colour outside the palette. */
export function colorKey(hex: string): ColorKey | null {
  const index = CODE_COLORS.findIndex((color) => color.toLowerCase() === hex.toLowerCase());
  return index >= 0 ? COLOR_KEYS[index] ?? null : null;
}

/** The palette colour fewest codes use yet, so a new code stands out by default. */
export function leastUsedColor(codes: readonly Code[]): string {
  const counts = CODE_COLORS.map((color) => codes.filter((code) => code.color.toLowerCase() === color.toLowerCase()).length);
  return CODE_COLORS[counts.indexOf(Math.min(...counts))] ?? CODE_COLORS[0];
}
