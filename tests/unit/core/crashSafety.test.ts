import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault, VAULT_DB_FILE } from '../../../electron/core/vault/vault';
import { PASSPHRASE, TEST_SCRYPT } from '../helpers/core';
import { tempDir } from '../helpers/tempDir';
import { mulberry32 } from '../helpers/mulberry32';

const CHILD = join(import.meta.dirname, 'crashChild.ts');
const MIN_ACKED = 200;
const MIN_KILLS = 20;

const seeded = mulberry32;

/** Runs one child until `delayMs` after it is ready, kills it with SIGKILL, returns what it acknowledged. */
function runAndKill(env: NodeJS.ProcessEnv, delayMs: number): Promise<{ acked: number[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: number[] = [];
    let buffer = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      buffer += chunk;
      let index: number;
      while ((index = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 1);
        if (line === 'READY') timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
        else if (line.startsWith('ACK ')) acked.push(Number(line.slice(4)));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`child exited by itself (${code}): ${stderr}`));
      else resolve({ acked, signal });
    });
  });
}

describe('crash safety', () => {
  it('keeps every acknowledged save and an intact vault across SIGKILLs at random moments', async () => {
    const started = Date.now();
    const dataDir = tempDir();
    const options = { dataDir, appVersion: '0.0.0-test', scryptParams: TEST_SCRYPT };
    const vault = new Vault(options);
    await vault.create(PASSPHRASE);
    // The data key, unwrapped once here, so that a child needs no scrypt to open the database.
    const key = Buffer.from((vault as unknown as { dataKey: Buffer }).dataKey).toString('hex');
    vault.lock();

    const random = seeded(20261129);
    const expected = new Set<string>();
    let kills = 0;
    let acknowledged = 0;
    for (let round = 0; acknowledged < MIN_ACKED || kills < MIN_KILLS; round++) {
      if (round > 200) throw new Error('too few saves acknowledged');
      const delay = 5 + Math.floor(random() * 76);
      const { acked } = await runAndKill({ CRASH_DB: join(dataDir, VAULT_DB_FILE), CRASH_KEY: key, CRASH_ROUND: String(round) }, delay);
      kills++;
      acknowledged += acked.length;
      for (const n of acked) expected.add(`crash-${round}-${n}`);

      // After each kill: the vault opens the usual way, is intact, and holds every acknowledged save.
      const reopened = new Vault(options);
      await reopened.unlock(PASSPHRASE);
      const db = reopened.database();
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const names = new Set(db.prepare('SELECT display_name FROM students').pluck().all() as string[]);
      const missing = [...expected].filter((name) => !names.has(name));
      expect(missing).toEqual([]);
      reopened.lock();
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`crash safety: ${kills} kills, ${acknowledged} acknowledged saves, ${seconds.toFixed(1)} s`);
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
    expect(acknowledged).toBeGreaterThanOrEqual(MIN_ACKED);
  }, 120_000);
});
