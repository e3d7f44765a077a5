import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportResult } from '../../../../shared/exportSchemas';
import { getApi } from '../../api';
import { type LabelledAction, useToasts } from '../../components/Toasts';
import { useErrorText } from '../../components/useErrorText';
import { exportMessage } from './ExportResultToast';

/**
 * "Openen" and "Toon in map" for a saved export. Only the token main gave the answer is sent
 * (ADR 0026): the renderer never names a path. No token (cancelled, or main could not vouch
 * for the file) means no buttons. A refusal or a missing file becomes a toast of its own.
 */
export function useFileActions(options: FileActionOptions = {}): (result: ExportResult | undefined) => LabelledAction[] {
  const withOpen = options.open ?? true;
  const { t } = useTranslation();
  const toasts = useToasts();
  const errorText = useErrorText();
  return useCallback((result) => {
    const token = result?.saved ? result.openToken : undefined;
    if (!token) return [];
    const fail = (caught: unknown) => toasts.show(errorText(caught));
    const show = { label: t('exporting.showInFolder'), keepOpen: true, run: () => void getApi().files.show({ token }).catch(fail) };
    if (!withOpen) return [show];
    return [{ label: t('exporting.open'), keepOpen: true, run: () => void getApi().files.open({ token }).catch(fail) }, show];
  }, [t, toasts, errorText, withOpen]);
}

export interface FileActionOptions {
  /**
   * false for the app's own sealed formats (a handover .ldho, a .lbdpack): no other program
   * opens them, so only "Toon in map" (to copy or send it) is offered.
   */
  open?: boolean;
}

/** The toast after an export: its file name and folder, and the file's actions when there is a token. */
export function useExportToast(options: FileActionOptions = {}): (result: ExportResult) => void {
  const { t } = useTranslation();
  const toasts = useToasts();
  const fileActions = useFileActions(options);
  return useCallback((result) => toasts.show(exportMessage(t, result), fileActions(result)), [t, toasts, fileActions]);
}
