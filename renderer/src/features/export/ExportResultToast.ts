import type { TFunction } from 'i18next';
import type { ExportResult } from '../../../../shared/exportSchemas';

/** The sentence a toast shows after an export: where the file went, or that nothing was saved. */
export function exportMessage(t: TFunction, result: ExportResult): string {
  return result.saved && result.location
    ? t('exporting.saved', { fileName: result.fileName, location: result.location })
    : t('exporting.cancelled');
}
