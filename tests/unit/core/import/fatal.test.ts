import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../../electron/core/import/parseTranscript';
import { MAX_TRANSCRIPT_BYTES } from '../../../../shared/dialogueSchemas';
import { expectAppError } from '../../helpers/core';
import { fixture } from './helpers';

const parse = (name: string, bytes: Buffer) => parseTranscript(name, bytes, []);

/** Deterministic bytes that look random (a linear congruential generator), optionally without NUL. */
function noise(length: number, withoutNul: boolean): Buffer {
  const bytes = Buffer.alloc(length);
  let state = 12345;
  for (let i = 0; i < length; i++) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    const byte = state >>> 24;
    bytes[i] = withoutNul && byte === 0 ? 1 : byte;
  }
  return bytes;
}

const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex'),
  Buffer.from('0000001f4944415478da63fcffff3f033580912a9c0a0c0c0c0c0c0c0c0c00a4', 'hex'),
]);

describe('files that cannot be imported', () => {
  it.each(['verslag.pdf', 'gesprek.rtf', 'gesprek', '.vtt', 'gesprek.vtt.exe'])('answers UNSUPPORTED_FILE for %s, naming the extension', async (name) => {
    const error = await expectAppError(parse(name, fixture('gesprek-stage-teams.vtt')), 'UNSUPPORTED_FILE');
    expect(error.params).toEqual({ extension: name.includes('.') && !name.startsWith('.') ? name.split('.').pop() : '' });
  });

  it.each(['a.txt', 'a.vtt', 'a.srt', 'a.docx'])('answers EMPTY_FILE for 0 bytes as %s', async (name) => {
    await expectAppError(parse(name, Buffer.alloc(0)), 'EMPTY_FILE');
  });

  it.each([
    ['whitespace', Buffer.from(' \r\n\t\n  \r\n')],
    ['only a BOM', Buffer.from([0xef, 0xbb, 0xbf])],
    ['a BOM and blank lines', Buffer.from('\uFEFF\r\n\r\n', 'utf8')],
  ])('answers EMPTY_FILE for %s', async (_label, bytes) => {
    await expectAppError(parse('a.txt', bytes), 'EMPTY_FILE');
    await expectAppError(parse('a.vtt', bytes), 'EMPTY_FILE');
  });

  it('answers FILE_TOO_LARGE one byte over the limit, before looking at the content', async () => {
    const line = Buffer.from('Mentor: Hallo.\n');
    const big = Buffer.alloc(MAX_TRANSCRIPT_BYTES + 1, line);
    await expectAppError(parse('groot.txt', big), 'FILE_TOO_LARGE');
    await expectAppError(parse('groot.docx', big), 'FILE_TOO_LARGE');
  });

  it('answers FILE_UNREADABLE for random bytes named .vtt, with or without NUL bytes', async () => {
    await expectAppError(parse('ruis.vtt', noise(4096, false)), 'FILE_UNREADABLE');
    await expectAppError(parse('ruis.vtt', noise(4096, true)), 'FILE_UNREADABLE');
    await expectAppError(parse('ruis.txt', noise(64, true)), 'FILE_UNREADABLE');
  });

  it('answers FILE_UNREADABLE for valid ASCII full of control bytes', async () => {
    const bytes = Buffer.from(`Mentor: ${'abc\x01\x02defg\x1b'.repeat(200)}\n`, 'latin1');
    expect(bytes.includes(0)).toBe(false);
    await expectAppError(parse('a.txt', bytes), 'FILE_UNREADABLE');
    // One Ctrl-Z at the end of an old DOS file is not junk.
    expect((await parse('a.txt', Buffer.from(`Mentor: ${'Hallo. '.repeat(20)}\r\n\x1a`, 'latin1'))).turns).toHaveLength(1);
  });

  it('answers FILE_UNREADABLE for a PNG named .srt', async () => {
    await expectAppError(parse('foto.srt', PNG), 'FILE_UNREADABLE');
  });

  it('answers FILE_UNREADABLE for high bytes that are neither UTF-8 nor plausible windows-1252', async () => {
    // Printable ASCII would pass; half the bytes above 0x7F is not a Western text.
    const bytes = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i % 2 ? 0xc0 + (i % 7) : 0x41 + (i % 26))));
    await expectAppError(parse('a.txt', Buffer.concat([Buffer.from('Mentor: '), bytes])), 'FILE_UNREADABLE');
  });

  it('answers NO_TURNS for readable files without a single turn', async () => {
    await expectAppError(parse('a.txt', Buffer.from('Boodschappen\nmelk\nbrood\n')), 'NO_TURNS');
    await expectAppError(parse('a.vtt', Buffer.from('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nondertitel zonder spreker\n')), 'NO_TURNS');
    await expectAppError(parse('a.srt', Buffer.from('1\nkapot --> kapot\nAnna: hoi\n')), 'NO_TURNS');
    await expectAppError(parse('a.vtt', Buffer.from('WEBVTT\n\nNOTE alleen een notitie\n')), 'NO_TURNS');
  });
});
