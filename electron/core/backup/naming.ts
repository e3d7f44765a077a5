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
 * Which backups to delete: keep the newest `keep`, plus the newest of every calendar month;
 * everything else of this vault goes. Names of other vaults or other files are never returned.
 */
export function backupsToPrune(names: readonly string[], short: string, keep: number): string[] {
  const ours = names
    .map((name) => ({ name, parsed: parseBackupName(name) }))
    .filter((item): item is { name: string; parsed: { short: string; stamp: string } } => item.parsed?.short === short)
    .sort((a, b) => (a.parsed.stamp < b.parsed.stamp ? 1 : a.parsed.stamp > b.parsed.stamp ? -1 : 0));
  const kept = new Set(ours.slice(0, keep).map((item) => item.name));
  const months = new Set<string>();
  for (const item of ours) {
    const month = item.parsed.stamp.slice(0, 6);
    if (!months.has(month)) {
      months.add(month);
      kept.add(item.name);
    }
  }
  return ours.filter((item) => !kept.has(item.name)).map((item) => item.name);
}
