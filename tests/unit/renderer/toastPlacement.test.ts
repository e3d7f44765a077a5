import { describe, expect, it } from 'vitest';
import { choosePlacement, type Placement, type Rect } from '../../../renderer/src/components/toastPlacement';

// A 683×384 window (1366×768 at 200 %) and a 300×60 toast stack in each corner.
const AT: Record<Placement, Rect> = {
  'bottom-left': { left: 12, top: 312, right: 312, bottom: 372 },
  'bottom-right': { left: 371, top: 312, right: 671, bottom: 372 },
  'top-left': { left: 12, top: 12, right: 312, bottom: 72 },
  'top-right': { left: 371, top: 12, right: 671, bottom: 72 },
};
const boxAt = (placement: Placement) => AT[placement];

describe('choosePlacement', () => {
  it('keeps the bottom left while it covers nothing to avoid', () => {
    expect(choosePlacement('bottom-left', boxAt, [{ left: 400, top: 100, right: 500, bottom: 140 }])).toBe('bottom-left');
  });

  it('moves off a save button Tab scrolled to the bottom left edge, to the next free corner', () => {
    const saveButton = { left: 30, top: 343, right: 130, bottom: 384 };
    expect(choosePlacement('bottom-left', boxAt, [saveButton])).toBe('bottom-right');
    // A full-width field at the bottom: both bottom corners are taken.
    expect(choosePlacement('bottom-left', boxAt, [{ left: 30, top: 330, right: 650, bottom: 370 }])).toBe('top-left');
  });

  it('stays where it went while that is still free (no jumping as focus moves), and falls back when nothing is', () => {
    expect(choosePlacement('bottom-right', boxAt, [{ left: 30, top: 343, right: 130, bottom: 384 }])).toBe('bottom-right');
    expect(choosePlacement('top-right', boxAt, [])).toBe('top-right');
    expect(choosePlacement('top-right', boxAt, [{ left: 0, top: 0, right: 683, bottom: 384 }])).toBe('bottom-left');
  });

  it('counts boxes that only touch the stack as free', () => {
    expect(choosePlacement('bottom-left', boxAt, [{ left: 312, top: 312, right: 360, bottom: 372 }])).toBe('bottom-left');
  });
});
