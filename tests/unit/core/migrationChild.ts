// Child process of migrationKill.test.ts and noTempFiles.test.ts. Modes (MIGRATION_CHILD_MODE):
// - unlock: unlocks the vault in MIGRATION_DIR the usual way (its pending migrations run in the
//   migrate job) and prints `PROGRESS <json>` for every report, then `UNLOCKED`. The kill test
//   SIGKILLs it halfway through 0004.
// - work: unlocks (migrating), makes a backup copy and checks it in the backup job, and runs a
//   sort larger than the page cache on the vault's own connection: every kind of connection the
//   app opens, with SQLITE_TMPDIR pointed at a folder the parent watches.
// - control: the same sort on a connection switched to temp_store = FILE, to show that the
//   watch does see SQLite's temp files (which it unlinks as soon as it opens them).
import { join } from 'node:path';
import { openDatabase } from '../../../electron/core/db/connection';
import { runWorker } from '../../../electron/core/backup/worker';
import { Vault, VAULT_DB_FILE } from '../../../electron/core/vault/vault';

const dataDir = process.env.MIGRATION_DIR!;
const mode = process.env.MIGRATION_CHILD_MODE!;
// The values of tests/unit/helpers/core.ts, which imports vitest and so cannot load here.
const PASSPHRASE = 'paarse olifant danst op de dijk';
const options = { dataDir, appVersion: '0.0.0-test', scryptParams: { N: 2 ** 10, r: 8, p: 1 } };

function bigSort(db: ReturnType<typeof openDatabase>): number {
  db.pragma('cache_size = 20');
  return (db.prepare('SELECT body FROM search_docs ORDER BY body DESC').all() as unknown[]).length;
}

async function main(): Promise<void> {
  if (mode === 'control') {
    const { key } = JSON.parse(process.env.MIGRATION_KEY_JSON!) as { key: string };
    const db = openDatabase(join(dataDir, VAULT_DB_FILE), { key: Buffer.from(key, 'hex') });
    db.pragma('temp_store = FILE');
    process.stdout.write(`SORTED ${bigSort(db)}\n`);
    db.close();
    return;
  }
  const vault = new Vault(options);
  vault.onMigrationProgress((progress) => process.stdout.write(`PROGRESS ${JSON.stringify(progress)}\n`));
  process.stdout.write('READY\n');
  await vault.unlock(PASSPHRASE);
  process.stdout.write('UNLOCKED\n');
  if (mode === 'work') {
    const { dataKey } = vault.keyMaterial();
    const payloadPath = join(dataDir, 'payload.db');
    const copy = await runWorker({ kind: 'backup', dbPath: vault.dbPath, payloadPath }, dataKey);
    await runWorker({ kind: 'check', containerPath: payloadPath, offset: 0, length: copy.length, sha256: copy.sha256, extractTo: join(dataDir, 'extracted.db'), expectedCounts: copy.counts }, dataKey);
    dataKey.fill(0);
    process.stdout.write(`SORTED ${bigSort(vault.database())}\n`);
  }
  vault.lock();
}

main().then(() => process.stdout.write('DONE\n'), (error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
