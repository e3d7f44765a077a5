import { constants, deflateRawSync } from 'node:zlib';

/** One entry of a hand-built zip; `declaredSize` lets a test make the central directory lie. */
export interface RawEntry {
  name: string;
  /** Already compressed (method 8) or stored (method 0) bytes. */
  data: Buffer;
  method: 0 | 8;
  uncompressedSize: number;
  declaredSize?: number;
}

/** A minimal but valid zip archive (local headers, central directory, end record). */
export function buildZip(entries: readonly RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const size = entry.declaredSize ?? entry.uncompressedSize;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * A deflate stream of `head`, then `repeat` copies of `chunk`, then `tail`, built without ever
 * holding the inflated bytes: each part ends in a full flush (byte-aligned, no back-references
 * across it), so the compressed copies of `chunk` can simply be concatenated.
 */
export function deflatedRepeat(head: string, chunk: string, repeat: number, tail: string): { data: Buffer; size: number } {
  const flush = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const chunkBytes = Buffer.from(chunk, 'utf8');
  const parts = [deflateRawSync(Buffer.from(head, 'utf8'), flush)];
  const compressedChunk = deflateRawSync(chunkBytes, flush);
  for (let index = 0; index < repeat; index++) parts.push(compressedChunk);
  parts.push(deflateRawSync(Buffer.from(tail, 'utf8')));
  return { data: Buffer.concat(parts), size: Buffer.byteLength(head) + chunkBytes.length * repeat + Buffer.byteLength(tail) };
}

const HEAD = '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Leerling: ';
const TAIL = '</w:t></w:r></w:p></w:body></w:document>';

/** A .docx whose document part inflates to about `megabytes` MB of one paragraph's text. */
export function docxBomb(megabytes: number, options: { lie?: boolean } = {}): Buffer {
  const chunk = 'ja '.repeat(349_525); // ~1 MiB
  const { data, size } = deflatedRepeat(HEAD, chunk, megabytes, TAIL);
  return buildZip([{ name: 'word/document.xml', data, method: 8, uncompressedSize: size, ...(options.lie ? { declaredSize: 4_096 } : {}) }]);
}

/** A .docx with the given document.xml, deflated honestly. */
export function docxWithXml(xml: string): Buffer {
  const raw = Buffer.from(xml, 'utf8');
  return buildZip([{ name: 'word/document.xml', data: deflateRawSync(raw), method: 8, uncompressedSize: raw.length }]);
}

export const DOCX_XML = { HEAD: HEAD.slice(0, HEAD.indexOf('<w:p>')), TAIL: '</w:body></w:document>' };
