import { AppError } from '../../../shared/errors';

// Every Office file from before 2007, and every *protected* Office file of any age, is an OLE
// compound file ("CFB"), which starts with these eight bytes.
const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
// Stream names in a compound file's directory are UTF-16LE. A .docx with a password or a
// sensitivity label (Microsoft 365 at many schools) is stored as these two streams around the
// encrypted package; a Word 97-2003 document has a "WordDocument" stream.
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');
const WORD_DOCUMENT = Buffer.from('WordDocument', 'utf16le');

/**
 * Names the real reason when a transcript is an Office compound file, whatever its extension:
 * FILE_PROTECTED for an encrypted or labelled document (it cannot be read without Word),
 * FILE_OLD_WORD for a Word 97-2003 .doc (often one renamed to .docx). Both would otherwise be
 * "does not look like a transcript", which sends the mentor looking in the wrong place.
 * Anything else is left to the format's own reader.
 */
export function refuseOfficeContainer(bytes: Buffer): void {
  if (bytes.length < CFB_SIGNATURE.length || !bytes.subarray(0, CFB_SIGNATURE.length).equals(CFB_SIGNATURE)) return;
  if (bytes.includes(ENCRYPTED_PACKAGE)) throw new AppError('FILE_PROTECTED');
  if (bytes.includes(WORD_DOCUMENT)) throw new AppError('FILE_OLD_WORD');
}
