import { describe, expect, it } from 'vitest';
import { backupFileName, backupsToPrune, localDate, parseBackupName } from '../../../../electron/core/backup/naming';

const VAULT = '1234abcd-0000-4000-8000-000000000000';
const name = (s: string, short = '1234abcd') => `loopbaandialoog-${short}-${s}.lbdbackup`;

describe('backup names', () => {
  it('names a backup by vault and local time, and parses it back', () => {
    const ms = new Date(2025, 8, 1, 8, 5, 9).getTime();
    const file = backupFileName(VAULT, ms);
    expect(file).toBe('loopbaandialoog-1234abcd-20250901-080509.lbdbackup');
    expect(parseBackupName(file)).toEqual({ short: '1234abcd', stamp: '20250901-080509' });
    expect(localDate(ms)).toBe('20250901');
    expect(parseBackupName('loopbaandialoog-1234abcd-20250901-080509.lbdbackup.part')).toBeNull();
    expect(parseBackupName('notes.txt')).toBeNull();
  });

  const RULE = { dailyDays: 14, weeklyWeeks: 8, retentionYears: 2 };
  const at = (y: number, m: number, d: number, h = 9) => backupFileName(VAULT, new Date(y, m - 1, d, h).getTime());

  it('keeps one a day for 14 days, one a week for 8 weeks, one a month up to the retention period, nothing older', () => {
    const now = new Date(2025, 8, 1, 12).getTime(); // Monday 1 Sep 2025
    // Two backups every day for three years back: far more than any rule should keep.
    const names: string[] = [];
    for (let day = 0; day < 3 * 366; day++) {
      names.push(at(2025, 9, 1 - day, 8), at(2025, 9, 1 - day, 17));
    }
    names.push(name('20250101-100000', 'ffffffff'), 'holiday.jpg', 'loopbaandialoog-1234abcd-2025.lbdbackup');
    const pruned = new Set(backupsToPrune(names, '1234abcd', now, RULE));
    const kept = names.filter((n) => !pruned.has(n) && parseBackupName(n)?.short === '1234abcd');

    // Today: both. The 13 days before: the newest (17:00) of each.
    expect(kept).toContain(at(2025, 9, 1, 8));
    for (let day = 1; day < 14; day++) {
      expect(kept).toContain(at(2025, 9, 1 - day, 17));
      expect(kept).not.toContain(at(2025, 9, 1 - day, 8));
    }
    // Then 8 weeks of one a week (the newest of each Monday–Sunday week that falls in the part),
    // then one a month (June's newest is the 23rd, the day before the weekly part), back to
    // 1 Sep 2023 and not before.
    const weekly = kept.filter((n) => { const s = parseBackupName(n)!.stamp; return s < '20250819' && s >= '20250624'; });
    expect(weekly.length).toBeGreaterThanOrEqual(8);
    expect(weekly.length).toBeLessThanOrEqual(9);
    const older = kept.filter((n) => parseBackupName(n)!.stamp < '20250624');
    const months = new Set(older.map((n) => parseBackupName(n)!.stamp.slice(0, 6)));
    expect(older.length).toBe(months.size); // one per month
    expect([...months].sort()[0]).toBe('202309');
    expect(kept.every((n) => parseBackupName(n)!.stamp >= '20230901')).toBe(true);
    // Bounded: about 15 + 9 + 22, never the 2,196 there are.
    expect(kept.length).toBeLessThan(50);
    // Never another vault's or another file.
    expect(pruned.has(name('20250101-100000', 'ffffffff'))).toBe(false);
    expect(pruned.has('holiday.jpg')).toBe(false);
  });

  it('follows the retention period: a longer one keeps more months, never beyond it', () => {
    const now = new Date(2025, 8, 1, 12).getTime();
    const names = [at(2025, 9, 1), at(2022, 3, 10), at(2019, 3, 10)];
    expect(backupsToPrune(names, '1234abcd', now, { ...RULE, retentionYears: 2 }).sort()).toEqual([at(2019, 3, 10), at(2022, 3, 10)].sort());
    expect(backupsToPrune(names, '1234abcd', now, { ...RULE, retentionYears: 5 })).toEqual([at(2019, 3, 10)]);
  });

  it('always keeps the newest, even when it is older than the retention period', () => {
    const now = new Date(2025, 8, 1, 12).getTime();
    const names = [at(2020, 1, 1), at(2019, 1, 1)];
    expect(backupsToPrune(names, '1234abcd', now, RULE)).toEqual([at(2019, 1, 1)]);
  });

  it('counts backups dated after today (a clock set back) as today, and prunes nothing while all are recent', () => {
    const now = new Date(2025, 8, 1, 12).getTime();
    const names = [at(2025, 9, 3), at(2025, 9, 1), at(2025, 8, 31, 8), at(2025, 8, 31, 18)];
    expect(backupsToPrune(names, '1234abcd', now, RULE)).toEqual([at(2025, 8, 31, 8)]);
  });
});
