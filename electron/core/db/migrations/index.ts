import type { Db } from '../connection';
import { sql as m0001 } from './0001_init';
import { sql as m0002sql, up as m0002up } from './0002_builtins';
import { sql as m0003sql, up as m0003up } from './0003_search';
import { up as m0004up } from './0004_search_passages';
import { sql as m0005sql } from './0005_read_paths';
import { sql as m0006sql } from './0006_search_delete_markers';
import { sql as m0007sql } from './0007_erased_students';
import { sql as m0008sql, up as m0008up } from './0008_search_fold';
import { sql as m0009sql } from './0009_recordings';
import { sql as m0010sql } from './0010_student_number';
import { sql as m0011sql, up as m0011up } from './0011_english_vocabulary';

/** How a step says how far it is: `done` of `total` work units (rows, documents). */
export type MigrationReport = (done: number, total: number) => void;

/**
 * One step of the schema. `sql` runs first, then `up` for what SQL alone cannot do (seeding
 * from the app's built-ins, rebuilding an index); both inside the step's transaction. A long
 * `up` calls `report` as it goes, so that the unlock screen can show how far it is.
 */
export interface Migration {
  name: string;
  sql?: string;
  up?: (db: Db, report: MigrationReport) => void;
}

/** Numbered migrations; entry i brings the schema to user_version i + 1. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  { name: '0001_init', sql: m0001 },
  { name: '0002_builtins', sql: m0002sql, up: m0002up },
  { name: '0003_search', sql: m0003sql, up: m0003up },
  { name: '0004_search_passages', up: m0004up },
  { name: '0005_read_paths', sql: m0005sql },
  { name: '0006_search_delete_markers', sql: m0006sql },
  { name: '0007_erased_students', sql: m0007sql },
  { name: '0008_search_fold', sql: m0008sql, up: m0008up },
  { name: '0009_recordings', sql: m0009sql },
  { name: '0010_student_number', sql: m0010sql },
  { name: '0011_english_vocabulary', sql: m0011sql, up: m0011up },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
