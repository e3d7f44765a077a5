import { describe, expect, it } from 'vitest';
import { calendarDay, longDate, monthKey, monthsBetween } from '../../../../electron/core/export/dates';
import { labelsFor } from '../../../../electron/core/export/labels';

const nl = labelsFor('nl');
const en = labelsFor('en');

describe('document dates', () => {
  it('writes long dates in the language, without relying on Intl', () => {
    expect(longDate('2026-11-29', nl)).toBe('29 november 2026');
    expect(longDate('2026-11-29', en)).toBe('29 November 2026');
    expect(longDate('2027-03-01', nl)).toBe('1 maart 2027');
  });

  it('reads a timestamp as the day on the local clock, and a plain date as written', () => {
    const lateEvening = new Date(2026, 10, 29, 23, 45);
    expect(calendarDay(lateEvening.toISOString())).toEqual({ year: 2026, month: 11, day: 29 });
    expect(calendarDay('2026-02-03')).toEqual({ year: 2026, month: 2, day: 3 });
  });

  it('shows what it cannot read as stored, rather than failing', () => {
    expect(longDate('morgen', nl)).toBe('morgen');
    expect(calendarDay('morgen')).toBeNull();
    expect(monthKey('morgen')).toBeNull();
  });

  it('lists the calendar months of a period across a year end', () => {
    expect(monthsBetween('2026-09-01', '2027-01-31', nl)).toEqual([
      { key: '2026-09', label: 'sep 2026' }, { key: '2026-10', label: 'okt 2026' }, { key: '2026-11', label: 'nov 2026' },
      { key: '2026-12', label: 'dec 2026' }, { key: '2027-01', label: 'jan 2027' },
    ]);
    expect(monthsBetween('2026-09-15', '2026-09-20', en)).toEqual([{ key: '2026-09', label: 'Sep 2026' }]);
    expect(monthsBetween('2027-01-01', '2026-09-01', nl)).toEqual([]);
  });
});
