import type { Db } from '../connection';
import type { MigrationReport } from './index';
import { rebuildSearchIndexReporting } from './searchRebuild';

/**
 * Dialogues are indexed per passage (paragraph or list) instead of per section (issue 7): the
 * schema stays, the rows are rebuilt. See `dialoguePassages` for why.
 */
export function up(db: Db, report?: MigrationReport): void {
  // The table was still called actions then (renamed by 0011).
  rebuildSearchIndexReporting(db, report, 'actions');
}
