import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditCsv, csvField } from '../../../electron/core/audit/auditCsv';
import { FakeClock, PASSPHRASE, makeUnlockedBackend } from '../helpers/core';
import { tempDir } from '../helpers/tempDir';

/** A minimal RFC 4180 reader, to prove the file parses back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += c;
  }
  return rows;
}

describe('audit log', () => {
  it('lists newest first, limited, without content', async () => {
    const clock = new FakeClock();
    const { api } = await makeUnlockedBackend({ clock });
    clock.advance(1000);
    const student = await api.students.create({ displayName: 'Geheime Naam', schoolType: 'havo' });
    clock.advance(1000);
    await api.vault.lock({});
    clock.advance(1000);
    await api.vault.unlock({ passphrase: PASSPHRASE });
    const entries = await api.audit.list({});
    expect(entries.map((entry) => entry.kind)).toEqual(['vault.unlocked', 'vault.locked', 'student.created', 'vault.created']);
    expect(entries[0]).toEqual({ at: new Date(clock.ms).toISOString(), kind: 'vault.unlocked', detail: { method: 'passphrase' } });
    expect(await api.audit.list({ limit: 2 })).toHaveLength(2);
    expect(JSON.stringify(entries)).not.toContain('Geheime');
    expect(JSON.stringify(entries)).not.toContain(student.id);
  });

  it('exports the whole log as RFC 4180 CSV through the save target, atomically, and audits the export', async () => {
    const clock = new FakeClock(new Date(2026, 10, 29, 10, 0).getTime());
    const folder = tempDir();
    const asked: string[] = [];
    const { api } = await makeUnlockedBackend({
      clock, saveTarget: { choose: async (name) => { asked.push(name); return join(folder, name); } },
    });
    await api.vault.lock({});
    await api.vault.unlock({ passphrase: PASSPHRASE });
    const result = await api.audit.exportCsv({});
    expect(asked).toEqual(['audit-2026-11-29.csv']);
    expect(result).toEqual({ saved: true, fileName: 'audit-2026-11-29.csv', location: folder });
    const text = readFileSync(join(folder, 'audit-2026-11-29.csv'), 'utf8');
    expect(text.startsWith('at,kind,detail\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['at', 'kind', 'detail']);
    // Oldest first; detail is compact JSON that parses back.
    expect(rows.slice(1).map((row) => row[1])).toEqual(['vault.created', 'vault.locked', 'vault.unlocked']);
    expect(JSON.parse(rows[3]![2]!)).toEqual({ method: 'passphrase' });
    expect(text).toContain('"{""method"":""passphrase""}"');
    expect((await api.audit.list({ limit: 1 }))[0]).toMatchObject({ kind: 'export.made', detail: { kind: 'audit' } });
  });

  it('writes nothing and audits nothing when the mentor cancels', async () => {
    const { api } = await makeUnlockedBackend({ saveTarget: { choose: async () => null } });
    expect(await api.audit.exportCsv({})).toMatchObject({ saved: false, location: null });
    expect((await api.audit.list({})).some((entry) => entry.kind === 'export.made')).toBe(false);
  });

  it('quotes fields per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(auditCsv([{ at: 't', kind: 'k', detail: {} }])).toBe('at,kind,detail\r\nt,k,{}\r\n');
  });
});
