import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * ARCHITECTURE.md: "One database opener sets every pragma (key, WAL, foreign keys,
 * temp_store = MEMORY, secure delete) for every connection in every process; nothing else calls
 * new Database." A connection made anywhere else would miss a pragma (issue 14 found the backup
 * worker and every connection but erasure's spilling plaintext temp files), so this fails on any
 * constructor call or value import of the SQLite module outside the opener: in TypeScript, in
 * JavaScript, and inside strings that are evaluated as worker code.
 */
const repoRoot = join(import.meta.dirname, '../../..');
const OPENER = 'electron/core/db/connection.ts';
const SCANNED = ['electron', 'tests', 'scripts', 'shared'];
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : files(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

// Spelled in pieces so that this file does not match itself.
const MODULE = ['better', 'sqlite3', 'multiple', 'ciphers'].join('-');
const NEW_DATABASE = ['new', 'Database'].join(' ');
const CONSTRUCTED = new RegExp(String.raw`\bnew\s+(Database|BetterSqlite3|Sqlite)\s*\(`);
const VALUE_IMPORT = new RegExp(String.raw`^\s*import\s+(?!type\b)[^;]*?from\s+['"]${MODULE}['"]`, 'm');
const REQUIRED = new RegExp(String.raw`\b(require|import)\s*\(\s*['"\x60]${MODULE}['"\x60]\s*\)`);

function offences(text: string): string[] {
  return [CONSTRUCTED, VALUE_IMPORT, REQUIRED].filter((pattern) => pattern.test(text)).map((pattern) => pattern.source);
}

describe('one database opener', () => {
  it('is the only place that constructs a connection or loads the SQLite module', () => {
    const found = SCANNED.flatMap((top) => files(join(repoRoot, top)))
      .map((path) => relative(repoRoot, path).split(sep).join('/'))
      .filter((path) => path !== OPENER)
      .flatMap((path) => offences(readFileSync(join(repoRoot, path), 'utf8')).map((pattern) => `${path}: ${pattern}`));
    expect(found).toEqual([]);
  });

  it('catches the forms it is meant to catch', () => {
    // The check above passing proves nothing unless these would have failed it.
    expect(offences(`const db = ${NEW_DATABASE}(path, { readonly });`)).toHaveLength(1);
    expect(offences(`const WORKER = String.raw\`\n  const db = ${NEW_DATABASE} (path, {});\n\`;`)).toHaveLength(1);
    expect(offences(`import Database from '${MODULE}';`)).toHaveLength(1);
    expect(offences(`const Database = require("${MODULE}");`)).toHaveLength(1);
    expect(offences(`const m = await import('${MODULE}');`)).toHaveLength(1);
    expect(offences(`import type { Database } from '${MODULE}';`)).toEqual([]);
    expect(offences(`external: ['electron', '${MODULE}'],`)).toEqual([]);
  });

  it('the opener itself does construct connections', () => {
    expect(offences(readFileSync(join(repoRoot, OPENER), 'utf8')).length).toBeGreaterThan(0);
  });
});
