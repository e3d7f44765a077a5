import type { Action } from '../../../shared/dialogueSchemas';
import { calendarDay, isoDay, longDate } from './dates';
import type { Labels } from './labels';

/** Agreements (actions) as documents show them: who, by when, done or late. */

/** Late: not done and due before the export's day on the mentor's clock. */
export function isOverdue(action: Action, now: Date): boolean {
  const today = calendarDay(now);
  return action.doneAt === null && action.dueDate !== null && today !== null && action.dueDate.slice(0, 10) < isoDay(today);
}

export function ownerLabel(action: Action, labels: Labels): string {
  return labels.dialogue.actions.owners[action.owner];
}

export function dueLabel(action: Action, labels: Labels): string {
  return action.dueDate ? longDate(action.dueDate, labels) : labels.doc.none;
}

/** Open first by due date (none last), then done by the day they were done; ties by creation, then id. */
export function compareOpen(a: Action, b: Action): number {
  return compareText(a.dueDate ?? '\uffff', b.dueDate ?? '\uffff') || compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id);
}

export function compareDone(a: Action, b: Action): number {
  return compareText(a.doneAt ?? '', b.doneAt ?? '') || compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id);
}

/** Code-unit order, not localeCompare: the order must not depend on the machine's ICU data. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
