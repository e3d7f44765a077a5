import { fill, type Labels } from './labels';

/**
 * Dates in documents. Month names come from the catalog, not Intl: the ICU data bundled with
 * Node and Electron differ between versions ("sep" or "sep."), and the same input must give
 * the same bytes.
 */

export interface CalendarDay { year: number; month: number; day: number }

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The calendar day of a stored value: a `YYYY-MM-DD` date as written, a timestamp as the day it
 * was on the mentor's clock (the app stores days in local time, see renderer `todayIso`).
 */
export function calendarDay(value: string | Date): CalendarDay | null {
  if (typeof value === 'string') {
    const match = ISO_DAY.exec(value.slice(0, 10));
    if (match && value.length === 10) return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  }
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
}

/** `YYYY-MM-DD`, which sorts and compares as text. */
export function isoDay(day: CalendarDay): string {
  return `${String(day.year).padStart(4, '0')}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

/** "29 november 2026"; what cannot be read as a date is shown as stored rather than hidden. */
export function longDate(value: string | Date, labels: Labels): string {
  const day = calendarDay(value);
  if (!day) return typeof value === 'string' ? value : '';
  return fill(labels.doc.longDate, { day: day.day, month: labels.doc.months[day.month - 1] ?? '', year: day.year });
}

/** A calendar month, as a key (`2026-09`) and as a column label ("sep 2026"). */
export interface Month { key: string; label: string }

/** The months from `from` to `to`, both included, in order; none when the range is unreadable or reversed. */
export function monthsBetween(from: string, to: string, labels: Labels): Month[] {
  const start = calendarDay(from);
  const end = calendarDay(to);
  if (!start || !end) return [];
  const months: Month[] = [];
  // Counting months from year 0 makes the year boundary an ordinary step.
  for (let index = start.year * 12 + start.month - 1; index <= end.year * 12 + end.month - 1; index += 1) {
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    months.push({
      key: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`,
      label: fill(labels.doc.monthYear, { month: labels.doc.monthsShort[month - 1] ?? '', year }),
    });
  }
  return months;
}

/** The month key of a stored day or timestamp, matching `Month.key`. */
export function monthKey(value: string): string | null {
  const day = calendarDay(value);
  return day ? isoDay(day).slice(0, 7) : null;
}
