import { Packer, type Document } from 'docx';
import JSZip from 'jszip';

/**
 * Packs a document so the same input and clock give the same bytes. docx stamps the current
 * time twice: in docProps/core.xml (dcterms:created/modified, from `new Date()` with no option
 * to set it) and in every zip entry's date (its zip library, fflate, takes Date.now() when no
 * mtime is given, and docx gives none). And it numbers bookmarks (the table of contents puts
 * one on each heading) from a counter shared by every document the process writes. So the
 * package is unzipped, its core dates set to the export's clock, its bookmarks numbered from 1,
 * and zipped again with that clock as every entry's date and a fixed compression level. The
 * entries keep docx's order.
 *
 * Other ids docx makes are already fixed per document (numbering, relationships, media named
 * by their hash), or set by the builders (comment ids, the logo's drawing id).
 */

// Word writes whole seconds; a W3CDTF value with milliseconds is valid but unusual.
const w3cdtf = (now: Date) => now.toISOString().replace(/\.\d{3}Z$/, 'Z');

const TIMESTAMP = /(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g;

export function setCoreDates(coreXml: string, now: Date): string {
  return coreXml.replace(TIMESTAMP, (_whole, open: string, _name: string, close: string) => `${open}${w3cdtf(now)}${close}`);
}

/**
 * Bookmark ids, and the `_Toc<id>` names docx derives from them, renumbered in order of their
 * starts. Names are matched only inside markup (a bookmark, a link's anchor, a PAGEREF field's
 * instruction), never in text, where `<` is escaped: a transcript saying "_Toc5" stays as it is.
 */
export function renumberBookmarks(xml: string): string {
  const ids = new Map<string, string>();
  for (const match of xml.matchAll(/<w:bookmarkStart\b[^>]*?\bw:id="(\d+)"/g)) {
    if (!ids.has(match[1]!)) ids.set(match[1]!, String(ids.size + 1));
  }
  if (ids.size === 0) return xml;
  const renumber = (id: string) => ids.get(id) ?? id;
  const inTag = (_whole: string, head: string, id: string, tail: string) => `${head}${renumber(id)}${tail}`;
  return xml
    .replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)(")/g, inTag)
    .replace(/(<w:(?:bookmarkStart|hyperlink)\b[^>]*?\bw:(?:name|anchor)="_Toc)(\d+)(")/g, inTag)
    .replace(/(<w:instrText\b[^>]*>\s*PAGEREF _Toc)(\d+)(\b)/g, inTag);
}

export async function packDeterministic(document: Document, now: Date): Promise<Buffer> {
  const packed = await JSZip.loadAsync(await Packer.toBuffer(document));
  const output = new JSZip();
  for (const entry of Object.values(packed.files)) {
    if (entry.dir) continue;
    const data = entry.name === 'docProps/core.xml'
      ? setCoreDates(await entry.async('string'), now)
      : entry.name === 'word/document.xml'
        ? renumberBookmarks(await entry.async('string'))
        : await entry.async('uint8array');
    output.file(entry.name, data, { date: now, createFolders: false, unixPermissions: null, dosPermissions: null });
  }
  return output.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'DOS',
  });
}
