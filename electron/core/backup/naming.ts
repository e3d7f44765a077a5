/**
 * Backup file names: `loopbaandialoog-<first 8 of the vault id>-<YYYYMMDD-HHMMSS>.lbdbackup`,
 * local time, so that they sort by age and a mentor can read the date in a file browser.
 * Only files with exactly this shape are ever listed or pruned.
 */
export const BACKUP_NAME = /^loopbaandialoog-([0-9a-f]{8})-(\d{8}-\d{6})\.lbdbackup$/;

export function vaultIdShort(vaultId: string): string {
  return vaultId.replace(/-/g, '').slice(0, 8).toLowerCase();
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** YYYYMMDD-HHMMSS in local time. */
export function stamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

/** The local calendar date (YYYYMMDD) of a moment. */
export function localDate(ms: number): string {
  return stamp(ms).slice(0, 8);
}

export function backupFileName(vaultId: string, ms: number): string {
  return `loopbaandialoog-${vaultIdShort(vaultId)}-${stamp(ms)}.lbdbackup`;
}

export function parseBackupName(name: string): { short: string; stamp: string } | null {
  const match = BACKUP_NAME.exec(name);
  return match ? { short: match[1]!, stamp: match[2]! } : null;
}

/**
 * How long backups are kept (issue 14: never forever, since every backup made before an
 * erasure holds the erased student): the newest of each local day for `dailyDays` days, then the
 * newest of each week (Monday to Sunday) for `weeklyWeeks` weeks, then the newest of each month
 * up to the school's retention period; anything older goes.
 */
export interface KeepRule {
  dailyDays: number;
  weeklyWeeks: number;
  retentionYears: number;
}

export const DEFAULT_WEEKLY_WEEKS = 8;

const DAY_MS = 86_400_000;

/** The local midnight that starts the day of a backup stamp (YYYYMMDD-HHMMSS). */
function stampDay(value: string): Date {
  return new Date(Number(value.slice(0, 4)), Number(value.slice(4, 6)) - 1, Number(value.slice(6, 8)));
}

/** Whole local calendar days from `from` to `to` (both local midnights), across DST changes. */
function daysBetween(from: Date, to: Date): number {
  return Math.round((Date.UTC(to.getFullYear(), to.getMonth(), to.getDate()) - Date.UTC(from.getFullYear(), from.getMonth(), from.getDate())) / DAY_MS);
}

/**
 * Which backups to delete under `rule` at `nowMs`. The newest backup is always kept (so that a
 * vault is never left without one, whatever the clock says), and so is every backup of today;
 * backups dated after today (a clock set back) count as today's. Names of other vaults or other files are never returned.
 */
export function backupsToPrune(names: readonly string[], short: string, nowMs: number, rule: KeepRule): string[] {
  const ours = names
    .map((name) => ({ name, parsed: parseBackupName(name) }))
    .filter((item): item is { name: string; parsed: { short: string; stamp: string } } => item.parsed?.short === short)
    .sort((a, b) => (a.parsed.stamp < b.parsed.stamp ? 1 : a.parsed.stamp > b.parsed.stamp ? -1 : 0));
  const now = new Date(nowMs);
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  // The oldest day a monthly backup may be from: today minus the retention period.
  const monthlyFrom = new Date(today.getFullYear() - rule.retentionYears, today.getMonth(), today.getDate());
  const buckets = new Set<string>();
  const kept = new Set<string>();
  for (const [index, item] of ours.entries()) {
    const day = stampDay(item.parsed.stamp);
    const age = Math.max(0, daysBetween(day, today));
    let bucket: string | null;
    if (age === 0) {
      // Today's backups all stay until tomorrow: one made by hand before a risky step is not
      // deleted by the automatic one an hour later.
      kept.add(item.name);
      continue;
    }
    if (age < rule.dailyDays) {
      bucket = `d${item.parsed.stamp.slice(0, 8)}`;
    } else if (age < rule.dailyDays + rule.weeklyWeeks * 7) {
      const monday = new Date(day.getFullYear(), day.getMonth(), day.getDate() - ((day.getDay() + 6) % 7));
      bucket = `w${localDate(monday.getTime())}`;
    } else if (day >= monthlyFrom) {
      bucket = `m${item.parsed.stamp.slice(0, 6)}`;
    } else {
      bucket = null;
    }
    // Newest first, so the first one seen in a bucket is the newest of it.
    if (index === 0 || (bucket !== null && !buckets.has(bucket))) kept.add(item.name);
    if (bucket !== null) buckets.add(bucket);
  }
  return ours.filter((item) => !kept.has(item.name)).map((item) => item.name);
}
