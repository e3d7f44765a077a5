import { openDatabase } from '../../electron/core/db/connection';

/**
 * Decrypts a copy of the vault for the unlock figure's baseline, in a process of its own: the
 * rekey holds a large share of the file in memory (about 300 MB for a 450 MB vault), which would
 * otherwise count as the backend's peak memory although the app never does this.
 */
process.once('message', ({ path, keyHex }: { path: string; keyHex: string }) => {
  const key = Buffer.from(keyHex, 'hex');
  try {
    const db = openDatabase(path, { key });
    // SQLite3 Multiple Ciphers cannot change a key in WAL mode.
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey = ''`);
    db.close();
    process.send?.({ ok: true }, () => process.exit(0));
  } catch (error) {
    process.send?.({ ok: false, error: String((error as Error).stack ?? error) }, () => process.exit(1));
  } finally {
    key.fill(0);
  }
});
