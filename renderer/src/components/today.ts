/** Today's date as `YYYY-MM-DD` in the mentor's own time zone (not UTC: a dialogue at 00:30 is today). */
export function todayIso(now: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
