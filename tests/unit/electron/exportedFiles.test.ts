import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLogSink } from '../../../electron/core/log';
import { ExportedFiles, type FileShellLike } from '../../../electron/main/exportedFiles';
import type { Result } from '../../../shared/errors';
import { ExportResult } from '../../../shared/exportSchemas';

// "Openen" / "Toon in map" (issue 15): main opens only what its own save dialog chose and the
// core wrote in this vault session, by a token; the renderer can never name a path.

function recordingShell(): FileShellLike & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    openPath: async (path) => { calls.push(`open ${path}`); return ''; },
    showItemInFolder: (path) => { calls.push(`show ${path}`); },
  };
}

describe('ExportedFiles', () => {
  let dir: string;
  let logLines: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'exported-files-'));
    logLines = [];
    setLogSink((line) => logLines.push(line));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    setLogSink((line) => process.stderr.write(`${line}\n`));
  });

  /** One session: a save dialog that answers `<dir>/<name>`, a core that writes there and answers as the core does. */
  function session(shell: FileShellLike & { calls?: string[] } = recordingShell()) {
    const files = new ExportedFiles(shell);
    const target = files.saveTarget({ choose: async (name) => join(dir, name) });
    const core = {
      async dispatch(channel: string): Promise<Result<unknown>> {
        if (channel === 'vault:lock') return { ok: true, value: { ok: true } };
        if (channel === 'access:export') {
          const json = await target.choose('inzage.json');
          const word = await target.choose('inzage.docx');
          writeFileSync(json!, '{}');
          writeFileSync(word!, 'docx');
          return { ok: true, value: { json: { saved: true, fileName: 'inzage.json', location: dir }, word: { saved: true, fileName: 'inzage.docx', location: dir } } };
        }
        const path = await target.choose('verslag.docx');
        writeFileSync(path!, 'docx');
        return { ok: true, value: { saved: true, fileName: 'verslag.docx', location: dir } };
      },
    };
    return { files, shell: shell as FileShellLike & { calls: string[] }, main: files.dispatcher(core) };
  }

  async function exportOnce(main: ReturnType<typeof session>['main']): Promise<string> {
    const result = await main.dispatch('export:dialogue', {});
    if (!result.ok) throw new Error(result.error.code);
    const parsed = ExportResult.parse(result.value);
    expect(parsed.openToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    return parsed.openToken!;
  }

  it('opens and shows the exported file by the token its answer carries', async () => {
    const { main, shell } = session();
    const token = await exportOnce(main);
    expect(await main.dispatch('files:open', { token })).toEqual({ ok: true, value: { ok: true } });
    expect(await main.dispatch('files:show', { token })).toEqual({ ok: true, value: { ok: true } });
    expect(shell.calls).toEqual([`open ${join(dir, 'verslag.docx')}`, `show ${join(dir, 'verslag.docx')}`]);
  });

  it('gives each file of the access export its own token', async () => {
    const { main, shell } = session();
    const result = await main.dispatch('access:export', {});
    const value = (result as { value: { json: ExportResult; word: ExportResult } }).value;
    expect(value.json.openToken).toBeTruthy();
    expect(value.word.openToken).toBeTruthy();
    expect(value.word.openToken).not.toBe(value.json.openToken);
    await main.dispatch('files:open', { token: value.word.openToken });
    expect(shell.calls).toEqual([`open ${join(dir, 'inzage.docx')}`]);
  });

  it('refuses a token it never issued, and opens nothing', async () => {
    const { main, shell } = session();
    await exportOnce(main);
    const result = await main.dispatch('files:open', { token: 'A'.repeat(22) });
    expect(result).toEqual({ ok: false, error: { code: 'FILE_NOT_EXPORTED' } });
    expect(shell.calls).toEqual([]);
    expect(logLines.join('\n')).toContain('files.token_refused');
  });

  it('refuses a token issued in another session (another run of the app)', async () => {
    const first = session();
    const token = await exportOnce(first.main);
    const second = session();
    expect(await second.main.dispatch('files:open', { token })).toEqual({ ok: false, error: { code: 'FILE_NOT_EXPORTED' } });
    expect(await second.main.dispatch('files:show', { token })).toEqual({ ok: false, error: { code: 'FILE_NOT_EXPORTED' } });
    expect(second.shell.calls).toEqual([]);
  });

  it('refuses a token from before a lock: asked for, idle, or the host gone', async () => {
    const { main, files, shell } = session();
    const asked = await exportOnce(main);
    await main.dispatch('vault:lock', {});
    expect(await main.dispatch('files:open', { token: asked })).toEqual({ ok: false, error: { code: 'FILE_NOT_EXPORTED' } });
    const idle = await exportOnce(main);
    files.receive({ name: 'vault:locked' });
    expect(await main.dispatch('files:show', { token: idle })).toEqual({ ok: false, error: { code: 'FILE_NOT_EXPORTED' } });
    const beforeCrash = await exportOnce(main);
    files.receive({ name: 'host:down' });
    expect(await main.dispatch('files:open', { token: beforeCrash })).toEqual({ ok: false, error: { code: 'FILE_NOT_EXPORTED' } });
    expect(shell.calls).toEqual([]);
  });

  it('never takes a path from the renderer: the request is the token alone', async () => {
    const { main, shell } = session();
    const token = await exportOnce(main);
    for (const request of [{ path: join(dir, 'verslag.docx') }, { token, path: '/etc/passwd' }, { token: '/etc/passwd' }, {}]) {
      const result = await main.dispatch('files:open', request);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('VALIDATION');
    }
    expect(shell.calls).toEqual([]);
  });

  it('issues no token for a path its save dialog did not choose (a confused host)', async () => {
    const files = new ExportedFiles(recordingShell());
    writeFileSync(join(dir, 'elders.docx'), 'x');
    const main = files.dispatcher({ dispatch: async () => ({ ok: true, value: { saved: true, fileName: 'elders.docx', location: dir } }) });
    const result = await main.dispatch('export:dialogue', {});
    expect(result.ok && (result.value as ExportResult).openToken).toBeUndefined();
  });

  it('says FILE_OPEN_FAILED when the file is gone since, or the OS cannot open it', async () => {
    const shell = recordingShell();
    const { main } = session(shell);
    const token = await exportOnce(main);
    rmSync(join(dir, 'verslag.docx'));
    expect(await main.dispatch('files:open', { token })).toEqual({ ok: false, error: { code: 'FILE_OPEN_FAILED' } });

    const failing = session({ openPath: async () => 'No application knows how to open this file', showItemInFolder: () => undefined });
    const other = await exportOnce(failing.main);
    expect(await failing.main.dispatch('files:open', { token: other })).toEqual({ ok: false, error: { code: 'FILE_OPEN_FAILED' } });
    // The OS's message may name the file: it stays out of the log.
    expect(logLines.join('\n')).not.toContain('verslag');
  });

  it('leaves a cancelled export and other answers as they were', async () => {
    const files = new ExportedFiles(recordingShell());
    const cancelled = { saved: false, fileName: 'verslag.docx', location: null };
    const main = files.dispatcher({ dispatch: async () => ({ ok: true, value: cancelled }) });
    expect(await main.dispatch('export:dialogue', {})).toEqual({ ok: true, value: cancelled });
  });
});
