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

  it('keeps the newest N plus the newest of every month, and nothing of other vaults or other files', () => {
    // 40 daily backups from 1 Jan to 9 Feb, 3 older monthly ones, and strangers.
    const names: string[] = [];
    for (let day = 0; day < 40; day++) {
      const d = new Date(2025, 0, 1 + day, 9, 0, 0);
      names.push(backupFileName(VAULT, d.getTime()));
    }
    names.push(name('20241015-120000'), name('20241020-120000'), name('20241103-120000'));
    names.push(name('20250101-100000', 'ffffffff'), 'holiday.jpg', 'loopbaandialoog-1234abcd-2025.lbdbackup');

    const pruned = backupsToPrune(names, '1234abcd', 14);
    const kept = names.filter((n) => !pruned.includes(n) && parseBackupName(n)?.short === '1234abcd');
    // Newest 14: 27 Jan .. 9 Feb; per month: newest of Oct (20th), Nov, Jan (31st, already kept), Feb.
    expect(kept.sort()).toEqual([
      name('20241020-120000'), name('20241103-120000'),
      ...Array.from({ length: 14 }, (_, i) => backupFileName(VAULT, new Date(2025, 0, 27 + i, 9).getTime())),
    ].sort());
    expect(pruned).toContain(name('20241015-120000'));
    expect(pruned).toContain(backupFileName(VAULT, new Date(2025, 0, 26, 9).getTime()));
    expect(pruned).not.toContain(name('20250101-100000', 'ffffffff'));
    expect(pruned).not.toContain('holiday.jpg');
    expect(pruned).toHaveLength(40 + 3 - 16);
  });

  it('prunes nothing while there are at most N', () => {
    const names = [name('20250101-090000'), name('20250102-090000')];
    expect(backupsToPrune(names, '1234abcd', 2)).toEqual([]);
    // Both are January's: with keep 1 only the newest stays.
    expect(backupsToPrune(names, '1234abcd', 1)).toEqual([name('20250101-090000')]);
  });
});
