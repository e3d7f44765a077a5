import type { Harness } from '../harness/harness';
import { StudentsPage } from '../harness/pages/StudentsPage';
import { VaultPages } from '../harness/pages/VaultPages';
import type { TourRunner } from './tourRunner';

/** What every chapter of the tour shares: the app, its page objects, and facts earlier chapters left. */
export interface TourContext {
  harness: Harness;
  run: TourRunner;
  outDir: string;
  vault: VaultPages;
  students: StudentsPage;
  passphrase: string;
  /** The recovery key shown when the vault was made (for restoring on a new computer later). */
  recoveryKey: string;
  /** Names typed into the app; none may appear in plain in the profile afterwards. */
  secrets: string[];
}

export function makeContext(harness: Harness, run: TourRunner, outDir: string): TourContext {
  return {
    harness, run, outDir,
    vault: new VaultPages(harness.page),
    students: new StudentsPage(harness.page),
    passphrase: 'fiets lantaarn oktober kompas',
    recoveryKey: '',
    secrets: [],
  };
}
