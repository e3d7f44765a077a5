import { todayIso } from '../../components/today';

/** The current Dutch school year so far: from 1 August to today, the default portfolio period. */
export function schoolYearSoFar(now: Date = new Date()): { from: string; to: string } {
  const year = now.getMonth() >= 7 ? now.getFullYear() : now.getFullYear() - 1;
  return { from: `${year}-08-01`, to: todayIso(now) };
}
