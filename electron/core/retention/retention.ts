import type { RetentionItem } from '../../../shared/safetySchemas';
import type { Db } from '../db/connection';

export const RETENTION_SETTING = 'retentionYears';
export const DEFAULT_RETENTION_YEARS = 2;
export const MIN_RETENTION_YEARS = 1;
export const MAX_RETENTION_YEARS = 20;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function validYears(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_RETENTION_YEARS && value <= MAX_RETENTION_YEARS;
}

/** The retention period in years; a missing or damaged setting counts as the default. */
export function retentionYears(db: Db): number {
  const raw = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(RETENTION_SETTING) as string | undefined;
  if (raw === undefined) return DEFAULT_RETENTION_YEARS;
  try {
    const value: unknown = JSON.parse(raw);
    return validYears(value) ? value : DEFAULT_RETENTION_YEARS;
  } catch {
    return DEFAULT_RETENTION_YEARS;
  }
}

export function setRetentionYears(db: Db, years: number): number {
  if (!validYears(years)) throw new RangeError('retention years out of range');
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(RETENTION_SETTING, JSON.stringify(years));
  return years;
}

/** `YYYY-MM-DD` of the mentor's local calendar day at `ms`. */
export function localDay(ms: number): string {
  const date = new Date(ms);
  return `${String(date.getFullYear()).padStart(4, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/**
 * A `YYYY-MM-DD` day plus whole years; 29 February becomes 28 February in a common year.
 * Null for what is not a valid day.
 */
export function addYears(day: string, years: number): string | null {
  const match = ISO_DAY.exec(day);
  if (!match) return null;
  const year = Number(match[1]) + years;
  const month = Number(match[2]);
  let date = Number(match[3]);
  if (month < 1 || month > 12 || date < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (date > new Date(Date.UTC(Number(match[1]), month, 0)).getUTCDate()) return null;
  date = Math.min(date, daysInMonth);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/**
 * Students (archived or not) whose leaving date plus the retention period lies before today,
 * the longest overdue first. `dueSince` is the day the period ended.
 */
export function dueForDeletion(db: Db, nowMs: number): RetentionItem[] {
  const years = retentionYears(db);
  const today = localDay(nowMs);
  const rows = db.prepare('SELECT id, display_name, leaving_date FROM students WHERE leaving_date IS NOT NULL')
    .all() as { id: string; display_name: string; leaving_date: string }[];
  const items: RetentionItem[] = [];
  for (const row of rows) {
    const dueSince = addYears(row.leaving_date, years);
    if (dueSince !== null && dueSince < today) {
      items.push({ studentId: row.id, displayName: row.display_name, leavingDate: row.leaving_date, dueSince });
    }
  }
  return items.sort((a, b) => (a.dueSince < b.dueSince ? -1 : a.dueSince > b.dueSince ? 1 : a.displayName.localeCompare(b.displayName) || (a.studentId < b.studentId ? -1 : 1)));
}

/** How many students are due; for the reminder after unlock. */
export function dueCount(db: Db, nowMs: number): number {
  return dueForDeletion(db, nowMs).length;
}
