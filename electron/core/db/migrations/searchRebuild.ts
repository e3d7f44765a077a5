import type { Db } from '../connection';
import { type AgreementsTable, rebuildSearchIndex } from '../../search/searchIndex';
import type { MigrationReport } from './index';

/**
 * What each part of a full index rebuild costs, in units of "one dialogue split into
 * passages". FTS5's index pass and merge are single statements and the commit is one write, so
 * the bar can only jump over them; weighting them by what they took keeps it moving at about
 * the pace of the clock instead of racing to the end and then standing still for most of the
 * time. Measured on a 2,000-dialogue vault of 1,200 words each (2 cores, 2026-11-30): emptying
 * plus passages 0.82 s, index pass 1.28 s, merge 0.39 s, commit 0.69 s. Rounded: 1, 1.5, 0.5, 1.
 */
const INDEX_PASS = 1.5;
const MERGE = 0.5;
const COMMIT = 1;

/**
 * The search index rebuilt from the tables, reporting as it goes: one unit per dialogue, then the
 * index pass and the merge by their weight. The commit's share is left for migrate's report
 * after the step has committed.
 */
export function rebuildSearchIndexReporting(db: Db, report: MigrationReport = () => undefined, agreementsTable: AgreementsTable = 'agreements'): void {
  let total = 1;
  rebuildSearchIndex(db, (stage) => {
    if (stage.stage === 'passages') {
      total = Math.max(1, Math.ceil(stage.total * (1 + INDEX_PASS + MERGE + COMMIT)));
      report(stage.done, total);
    } else if (stage.stage === 'indexed') {
      report(Math.floor((total * (1 + INDEX_PASS)) / (1 + INDEX_PASS + MERGE + COMMIT)), total);
    } else {
      report(Math.floor((total * (1 + INDEX_PASS + MERGE)) / (1 + INDEX_PASS + MERGE + COMMIT)), total);
    }
  }, agreementsTable);
}
