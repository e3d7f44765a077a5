import type { Db } from '../connection';
import type { MigrationReport } from './index';
import { rebuildSearchIndexReporting } from './searchRebuild';

/**
 * Search folds the letters unicode61 leaves alone (issue 15: "yilmaz" did not find "Yılmaz"):
 * ı, ø, ß, æ, œ, ł, đ and the like, see `foldSearchText`. The index holds the folded words and
 * `search_docs` the text as written, so snippets still show "Yılmaz"; that works because the
 * folding keeps every token where it was. The triggers now feed the index through
 * `search_fold()` (registered on every connection by the opener), and the index is rebuilt so
 * that what vaults indexed before is folded too.
 *
 * FTS5's 'integrity-check' with rank 1 compares the index with its content table tokenised
 * unfolded, so it reports rows with these letters as different; rank 0 still checks the index.
 */
export const sql = /* sql */ `
DROP TRIGGER search_docs_ai;
DROP TRIGGER search_docs_ad;
DROP TRIGGER search_docs_au;
CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
  INSERT INTO search_index (rowid, body) VALUES (new.id, search_fold(new.body));
END;
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
  INSERT INTO search_index (search_index, rowid, body) VALUES ('delete', old.id, search_fold(old.body));
END;
CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
  INSERT INTO search_index (search_index, rowid, body) VALUES ('delete', old.id, search_fold(old.body));
  INSERT INTO search_index (rowid, body) VALUES (new.id, search_fold(new.body));
END;
`;

/** Re-indexes what the vault already holds, folded. */
export function up(db: Db, report?: MigrationReport): void {
  // The table was still called actions then (renamed by 0011).
  rebuildSearchIndexReporting(db, report, 'actions');
}
