import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortfolioPreview } from '../../../../shared/exportSchemas';
import { getApi } from '../../api';
import { Dialog, DialogClose } from '../../components/Dialog';
import { useToasts } from '../../components/Toasts';
import { useDialogAction } from '../../components/useDialogAction';
import { useErrorText } from '../../components/useErrorText';
import { exportMessage } from './ExportResultToast';
import { schoolYearSoFar } from './schoolYear';

/** Chooses the period, shows what it holds, and saves the student's portfolio. */
export function PortfolioExportDialog({ studentId, onClose }: { studentId: string; onClose(): void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const toasts = useToasts();
  const id = useId();
  const [{ from, to }, setPeriod] = useState(schoolYearSoFar);
  const [includePrivate, setIncludePrivate] = useState(false);
  const [preview, setPreview] = useState<PortfolioPreview | null>(null);
  const { busy, error, setError, run } = useDialogAction({ onDone: onClose });
  const validPeriod = Boolean(from && to && from <= to);

  useEffect(() => {
    if (!validPeriod) {
      setPreview(null);
      return;
    }
    let cancelled = false;
    getApi().export.portfolioPreview({ studentId, from, to }).then(
      (value) => { if (!cancelled) setPreview(value); },
      (caught) => { if (!cancelled) setError(errorText(caught)); },
    );
    return () => { cancelled = true; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [studentId, from, to, validPeriod]);

  async function save() {
    await run(async () => {
      const result = await getApi().export.portfolio({ studentId, from, to, includePrivate });
      toasts.show(exportMessage(t, result));
    });
  }

  return (
    <Dialog
      title={t('exporting.portfolioTitle')}
      describedBy={`${id}-counts`}
      onClose={onClose}
      error={error}
      actions={(
        <>
          <DialogClose>{t('common.cancel')}</DialogClose>
          <button type="button" className="button button-primary" disabled={busy || !validPeriod} onClick={() => void save()}>
            {busy ? t('exporting.saving') : t('exporting.save')}
          </button>
        </>
      )}
    >
      <div>
        <div className="row">
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('exporting.from')}</label>
            <input id={`${id}-from`} type="date" value={from} onChange={(event) => setPeriod((period) => ({ ...period, from: event.target.value }))} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t('exporting.to')}</label>
            <input id={`${id}-to`} type="date" value={to} onChange={(event) => setPeriod((period) => ({ ...period, to: event.target.value }))} />
          </div>
        </div>
        <h3>{t('exporting.includes')}</h3>
        <p id={`${id}-counts`} role="status">
          {preview ? t('exporting.portfolioCounts', {
            dialogues: preview.dialogues, activities: preview.activities, boundary: preview.boundaryExperiences,
            open: preview.openActions, done: preview.doneActions,
          }) : '…'}
        </p>
        <label className="checkbox">
          <input type="checkbox" checked={includePrivate} onChange={(event) => setIncludePrivate(event.target.checked)} />
          <span>{t('exporting.includePrivate')}</span>
        </label>
        {includePrivate && <p className="notice" role="status">{t('exporting.privateWarning')}</p>}
      </div>
    </Dialog>
  );
}
