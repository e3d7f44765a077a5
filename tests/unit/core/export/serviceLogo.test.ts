import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { imageInfo, parseLogo } from '../../../../electron/core/export/logo';
import { MAX_LOGO_BYTES } from '../../../../shared/exportSchemas';
import { PASSPHRASE, expectAppError, makeUnlockedBackend } from '../../helpers/core';

/** A real 1×1 RGBA PNG (signature, IHDR, IDAT, IEND), byte for byte. */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG header of any size: signature and a correct IHDR (the rest is not read). */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([PNG_1X1.subarray(0, 8), chunk('IHDR', ihdr), chunk('IEND', Buffer.alloc(0))]);
}

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt8(0xff, 0);
  head.writeUInt8(marker, 1);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

function sof(marker: number, width: number, height: number): Buffer {
  const payload = Buffer.alloc(9);
  payload.writeUInt8(8, 0); // precision
  payload.writeUInt16BE(height, 1);
  payload.writeUInt16BE(width, 3);
  payload.set([1, 1, 0x11, 0], 5); // one component
  return segment(marker, payload);
}

const SOI = Buffer.from([0xff, 0xd8]);
const EOI = Buffer.from([0xff, 0xd9]);
const APP0 = segment(0xe0, Buffer.from('JFIF\u0000\u0001\u0001\u0000\u0000\u0001\u0000\u0001\u0000\u0000', 'latin1'));
const DQT = segment(0xdb, Buffer.alloc(65, 1));
const SOS = segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0]));

/** A minimal baseline JPEG: SOI, APP0 (JFIF), DQT, SOF0, SOS with a byte of data, EOI. */
function jpeg(width: number, height: number, frame = 0xc0): Buffer {
  return Buffer.concat([SOI, APP0, DQT, sof(frame, width, height), SOS, Buffer.from([0x00]), EOI]);
}

const b64 = (bytes: Buffer) => bytes.toString('base64');

describe('imageInfo', () => {
  it('reads a real 1×1 PNG and PNG headers of other sizes', () => {
    expect(imageInfo(PNG_1X1)).toEqual({ mimeType: 'image/png', width: 1, height: 1 });
    expect(imageInfo(pngHeader(320, 96))).toEqual({ mimeType: 'image/png', width: 320, height: 96 });
  });

  it('reads the frame size of baseline and progressive JPEGs, after other segments and fill bytes', () => {
    expect(imageInfo(jpeg(64, 32))).toEqual({ mimeType: 'image/jpeg', width: 64, height: 32 });
    expect(imageInfo(jpeg(1200, 400, 0xc2))).toEqual({ mimeType: 'image/jpeg', width: 1200, height: 400 });
    const filled = Buffer.concat([SOI, Buffer.from([0xff, 0xff]), APP0, Buffer.from([0xff]), sof(0xc1, 7, 9), EOI]);
    expect(imageInfo(filled)).toEqual({ mimeType: 'image/jpeg', width: 7, height: 9 });
    // DHT (C4) is in the SOF range but is no frame header: it is skipped.
    const withDht = Buffer.concat([SOI, segment(0xc4, Buffer.alloc(20)), sof(0xc0, 5, 6), EOI]);
    expect(imageInfo(withDht)).toEqual({ mimeType: 'image/jpeg', width: 5, height: 6 });
  });

  it.each([
    ['text', Buffer.from('Dit is geen afbeelding')],
    ['GIF', Buffer.from('GIF89a\u0001\u0000\u0001\u0000', 'latin1')],
    ['empty', Buffer.alloc(0)],
    ['PNG signature only', PNG_1X1.subarray(0, 8)],
    ['PNG cut inside IHDR', PNG_1X1.subarray(0, 20)],
    ['PNG with a damaged IHDR (CRC)', Buffer.from(PNG_1X1).fill(0x7f, 20, 21)],
    ['PNG without IHDR first', Buffer.concat([PNG_1X1.subarray(0, 8), chunk('IEND', Buffer.alloc(0))])],
    ['PNG of width 0', pngHeader(0, 10)],
    ['PNG of absurd size', pngHeader(2 ** 31 - 1, 10)],
    ['JPEG SOI only', Buffer.from([0xff, 0xd8, 0xff])],
    ['JPEG with image data before any frame', Buffer.concat([SOI, APP0, SOS, EOI])],
    ['JPEG ending before a frame', Buffer.concat([SOI, APP0, EOI])],
    ['JPEG with a segment running past the end', Buffer.concat([SOI, APP0.subarray(0, 10)])],
    ['JPEG with a zero-length segment', Buffer.concat([SOI, Buffer.from([0xff, 0xe1, 0x00, 0x00]), sof(0xc0, 5, 5)])],
    ['JPEG with height 0 (defined later by DNL)', jpeg(10, 0)],
    ['JPEG with garbage between segments', Buffer.concat([SOI, APP0, Buffer.from([0x12]), sof(0xc0, 5, 5)])],
    ['JPEG with a frame header too short', Buffer.concat([SOI, segment(0xc0, Buffer.from([8, 0, 1]))])],
  ])('rejects %s', (_name, bytes) => {
    expect(imageInfo(bytes)).toBeNull();
  });
});

describe('parseLogo', () => {
  it('stores the bytes in canonical base64, whatever padding the upload had', () => {
    const unpadded = b64(PNG_1X1).replace(/=+$/, '');
    expect(parseLogo(unpadded)).toEqual({ mimeType: 'image/png', width: 1, height: 1, dataBase64: b64(PNG_1X1) });
  });

  it('malformed base64 is LOGO_INVALID', () => {
    for (const text of ['@@@@', 'iVBO R0KG', 'iVBORw0KGgo=A', '=', 'a']) {
      expect(() => parseLogo(text), text).toThrow(expect.objectContaining({ code: 'LOGO_INVALID' }));
    }
  });

  it('checks the size before it looks at the bytes: a huge non-image is LOGO_TOO_LARGE, not LOGO_INVALID', () => {
    const huge = b64(Buffer.alloc(50 * 1024 * 1024, 'x'));
    expect(() => parseLogo(huge)).toThrow(expect.objectContaining({ code: 'LOGO_TOO_LARGE' }));
  });

  it('accepts exactly the maximum size and refuses one byte more, even when it is a valid image', () => {
    const atMax = Buffer.concat([pngHeader(10, 10), Buffer.alloc(MAX_LOGO_BYTES - pngHeader(10, 10).length)]);
    expect(parseLogo(b64(atMax)).width).toBe(10);
    const over = Buffer.concat([atMax, Buffer.alloc(1)]);
    expect(() => parseLogo(b64(over))).toThrow(expect.objectContaining({ code: 'LOGO_TOO_LARGE' }));
  });
});

describe('settings logo channels', () => {
  it('set, get and clear a PNG logo; it is in the vault across a lock and leaves the settings alone', async () => {
    const { api } = await makeUnlockedBackend();
    expect(await api.settings.getLogo()).toBeNull();
    const settings = await api.settings.get();
    const stored = await api.settings.setLogo({ fileName: 'logo.png', dataBase64: b64(PNG_1X1) });
    expect(stored).toEqual({ mimeType: 'image/png', width: 1, height: 1, dataBase64: b64(PNG_1X1) });
    expect(await api.settings.getLogo()).toEqual(stored);
    // The settings table holds it, but settings:get neither shows nor trips over it.
    expect(await api.settings.get()).toEqual(settings);
    expect(await api.settings.update({ schoolName: 'Het Talent College' })).toEqual({ ...settings, schoolName: 'Het Talent College' });

    await api.vault.lock();
    await api.vault.unlock({ passphrase: PASSPHRASE });
    expect(await api.settings.getLogo()).toEqual(stored);

    expect(await api.settings.clearLogo()).toEqual({ ok: true });
    expect(await api.settings.getLogo()).toBeNull();
    expect(await api.settings.clearLogo()).toEqual({ ok: true });
  });

  it('a JPEG replaces the PNG; the file name does not decide the type', async () => {
    const { api } = await makeUnlockedBackend();
    await api.settings.setLogo({ fileName: 'logo.png', dataBase64: b64(PNG_1X1) });
    const stored = await api.settings.setLogo({ fileName: 'logo.png', dataBase64: b64(jpeg(640, 200)) });
    expect(stored).toMatchObject({ mimeType: 'image/jpeg', width: 640, height: 200 });
    expect(await api.settings.getLogo()).toEqual(stored);
  });

  it('refuses what is not a PNG or JPEG, and keeps the logo it had', async () => {
    const { api } = await makeUnlockedBackend();
    await api.settings.setLogo({ fileName: 'logo.png', dataBase64: b64(PNG_1X1) });
    await expectAppError(api.settings.setLogo({ fileName: 'logo.png', dataBase64: b64(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')) }), 'LOGO_INVALID');
    await expectAppError(api.settings.setLogo({ fileName: 'logo.jpg', dataBase64: 'niet/base64!' }), 'LOGO_INVALID');
    await expectAppError(api.settings.setLogo({ fileName: 'logo.jpg', dataBase64: b64(Buffer.concat([SOI, APP0, EOI])) }), 'LOGO_INVALID');
    expect((await api.settings.getLogo())?.width).toBe(1);
  });

  it('a 50 MB file gets LOGO_TOO_LARGE (not a validation error), even with a valid PNG header', async () => {
    const { api } = await makeUnlockedBackend();
    const huge = Buffer.alloc(50 * 1024 * 1024);
    pngHeader(100, 100).copy(huge);
    await expectAppError(api.settings.setLogo({ fileName: 'scan.png', dataBase64: b64(huge) }), 'LOGO_TOO_LARGE');
    expect(await api.settings.getLogo()).toBeNull();
  });

  it('all three need an unlocked vault', async () => {
    const { api } = await makeUnlockedBackend();
    await api.vault.lock();
    await expectAppError(api.settings.getLogo(), 'VAULT_LOCKED');
    await expectAppError(api.settings.setLogo({ fileName: 'logo.png', dataBase64: b64(PNG_1X1) }), 'VAULT_LOCKED');
    await expectAppError(api.settings.clearLogo(), 'VAULT_LOCKED');
  });

  it('a damaged logo row reads as no logo', async () => {
    const { api, backend } = await makeUnlockedBackend();
    await api.settings.setLogo({ fileName: 'logo.png', dataBase64: b64(PNG_1X1) });
    backend.vault.database().prepare(`UPDATE settings SET value = '{"mimeType":"image/gif"}' WHERE key = 'logo'`).run();
    expect(await api.settings.getLogo()).toBeNull();
    backend.vault.database().prepare(`UPDATE settings SET value = 'not json' WHERE key = 'logo'`).run();
    expect(await api.settings.getLogo()).toBeNull();
  });
});
