import { basename, dirname, isAbsolute } from 'node:path';
import type { Language } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { ExportResult } from '../../../shared/exportSchemas';
import { writeExportAtomic } from '../export/atomicExport';
import type { HandlerContext } from '../handlers/context';
import { logEvent } from '../log';

const TEXT: Record<Language, { fileName: string; body(key: string, day: string): string }> = {
  nl: {
    fileName: 'Loopbaandialoog-herstelsleutel.txt',
    body: (key, day) => [
      'Herstelsleutel van je Loopbaandialoog-kluis',
      '',
      key,
      '',
      'Vergeet je je wachtzin, dan open je de kluis alleen nog met deze sleutel.',
      'Bewaar dit bestand niet op de laptop met de kluis: zet het op een USB-stick die je veilig opbergt,',
      'of print het en verwijder het bestand daarna.',
      '',
      `Gemaakt op ${day}.`,
    ].join('\r\n'),
  },
  en: {
    fileName: 'Loopbaandialoog-recovery-key.txt',
    body: (key, day) => [
      'Recovery key of your Loopbaandialoog vault',
      '',
      key,
      '',
      'If you forget your passphrase, this key is the only way to open the vault.',
      'Do not keep this file on the laptop that holds the vault: put it on a USB stick kept somewhere safe,',
      'or print it and delete the file afterwards.',
      '',
      `Made on ${day}.`,
    ].join('\r\n'),
  },
};

const localDay = (ms: number) => {
  const date = new Date(ms);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
};

/**
 * Writes the recovery key as a short text file that says what it is, where the mentor chooses
 * (the save dialog, `.txt` filter from the suggested name). The file name is fixed text: no
 * student or school name. Nothing about the key is logged; no audit entry (not an export of data).
 */
export async function saveRecoveryKeyFile(ctx: HandlerContext, recoveryKey: string): Promise<ExportResult> {
  const text = TEXT[await ctx.preferences.language()];
  const chosen = await ctx.saveTarget.choose(text.fileName);
  if (chosen === null) return { saved: false, fileName: text.fileName, location: null };
  if (!chosen || !isAbsolute(chosen)) throw new AppError('EXPORT_TARGET_MISSING');
  const path = /\.txt$/i.test(chosen) ? chosen : `${chosen}.txt`;
  await writeExportAtomic(ctx.fileOps, path, Buffer.from(`${text.body(recoveryKey, localDay(ctx.now()))}\r\n`, 'utf8'));
  logEvent('recovery_key.saved');
  return { saved: true, fileName: basename(path), location: dirname(path) };
}
