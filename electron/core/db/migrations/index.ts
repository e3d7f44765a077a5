import { sql as m0001 } from './0001_init';

/** Numbered migrations; entry i brings the schema to user_version i + 1. Append only. */
export const MIGRATIONS: readonly { name: string; sql: string }[] = [
  { name: '0001_init', sql: m0001 },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
