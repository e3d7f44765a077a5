import { describe, expect, it } from 'vitest';
import { MAX_TRANSCRIPT_BYTES } from '../../../../shared/dialogueSchemas';
import { makeBackend, makeUnlockedBackend } from '../../helpers/core';
import { fixture } from './helpers';

const vtt = fixture('gesprek-stage-teams.vtt');
const request = (overrides: Record<string, unknown> = {}) => ({
  fileName: 'gesprek-stage-teams.vtt', dataBase64: vtt.toString('base64'), ...overrides,
});

describe("'transcripts:parse' through Backend.dispatch", () => {
  it('parses on an unlocked vault, with pseudonyms, and the response passes the contract', async () => {
    // makeBackend checks every response against the contract's response schema.
    const { backend } = await makeUnlockedBackend();
    const result = await backend.dispatch('transcripts:parse', request({ pseudonyms: [{ name: 'Sanne de Vries', replacement: 'Leerling' }] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ format: 'vtt', speakers: ['Mentor Jansen', 'Leerling'], skipped: [] });
    expect((result.value as { turns: unknown[] }).turns).toHaveLength(9);
  });

  it('uses no pseudonyms when none are given', async () => {
    const { api } = await makeUnlockedBackend();
    const parsed = await api.transcripts.parse(request());
    expect(parsed.speakers).toEqual(['Mentor Jansen', 'Sanne de Vries']);
  });

  it('answers VAULT_LOCKED when the vault is locked, or does not exist yet', async () => {
    const { backend } = await makeUnlockedBackend();
    expect(await backend.dispatch('vault:lock', {})).toEqual({ ok: true, value: { ok: true } });
    expect(await backend.dispatch('transcripts:parse', request())).toEqual({ ok: false, error: { code: 'VAULT_LOCKED' } });
    const fresh = makeBackend();
    expect(await fresh.backend.dispatch('transcripts:parse', request())).toEqual({ ok: false, error: { code: 'VAULT_LOCKED' } });
  });

  it('answers VALIDATION for a missing or empty fileName', async () => {
    const { backend } = await makeUnlockedBackend();
    const { fileName: _omitted, ...withoutName } = request();
    expect(await backend.dispatch('transcripts:parse', withoutName)).toEqual({ ok: false, error: { code: 'VALIDATION', params: { field: 'fileName' } } });
    expect(await backend.dispatch('transcripts:parse', request({ fileName: '' }))).toEqual({ ok: false, error: { code: 'VALIDATION', params: { field: 'fileName' } } });
  });

  it.each([
    ['a character outside the alphabet', `${vtt.toString('base64').slice(0, 40)}*${vtt.toString('base64').slice(41)}`],
    ['whitespace', `${vtt.toString('base64').slice(0, 40)} ${vtt.toString('base64').slice(40)}`],
    ['padding in the middle', 'QQ==QUJD'],
    ['an impossible length', 'QUJDR'],
  ])('answers FILE_UNREADABLE for base64 with %s', async (_label, dataBase64) => {
    const { backend } = await makeUnlockedBackend();
    expect(await backend.dispatch('transcripts:parse', request({ dataBase64 }))).toEqual({ ok: false, error: { code: 'FILE_UNREADABLE' } });
  });

  it('accepts unpadded base64', async () => {
    const { backend } = await makeUnlockedBackend();
    const text = Buffer.from('Mentor: Hoi.\nSanne: Hallo!'); // 27 bytes: base64 ends in one "="
    const unpadded = text.toString('base64').replace(/=+$/, '');
    expect(unpadded.length % 4).not.toBe(0);
    expect(await backend.dispatch('transcripts:parse', request({ fileName: 'a.txt', dataBase64: unpadded }))).toMatchObject({ ok: true });
  });

  it('passes the file errors through: unsupported, empty, too large', async () => {
    const { backend } = await makeUnlockedBackend();
    expect(await backend.dispatch('transcripts:parse', request({ fileName: 'gesprek.pdf' })))
      .toEqual({ ok: false, error: { code: 'UNSUPPORTED_FILE', params: { extension: 'pdf' } } });
    expect(await backend.dispatch('transcripts:parse', request({ dataBase64: '' }))).toEqual({ ok: false, error: { code: 'EMPTY_FILE' } });
    const tooLarge = Buffer.alloc(MAX_TRANSCRIPT_BYTES + 1, 'Mentor: Hallo.\n').toString('base64');
    expect(await backend.dispatch('transcripts:parse', request({ fileName: 'groot.txt', dataBase64: tooLarge })))
      .toEqual({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
  });
});
