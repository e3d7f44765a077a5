import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchoolType } from '../../../../shared/domain';
import { getApi } from '../../api';
import { Dialog, DialogClose } from '../../components/Dialog';
import { useDialogAction } from '../../components/useDialogAction';
import { useExportToast } from '../export/useExportToast';
import { schoolYearSoFar } from '../export/schoolYear';

export interface LogGroup {
  cohort?: string;
  programme?: string;
  schoolType?: SchoolType;
  mentor?: string;
}

/**
 * The dialogue log for the school's systems (issue 16 part 4), for the group the groups screen
 * shows: a period, CSV for Dutch Excel or .xlsx, and the dialogues' text only when ticked.
 */
export function DialogueLogDialog({ group, groupLabel, onClose }: { group: LogGroup; groupLabel: string; onClose(): void }) {
  const { t } = useTranslation();
  const showExport = useExportToast();
  const id = useId();
  const [{ from, to }, setPeriod] = useState(schoolYearSoFar);
  const [format, setFormat] = useState<'csv' | 'xlsx'>('csv');
  const [includeText, setIncludeText] = useState(false);
  const { busy, error, run } = useDialogAction({ onDone: onClose });
  const validPeriod = !from || !to || from <= to;

  async function save() {
    await run(async () => {
      const result = await getApi().export.dialogueLog({ ...group, ...(from ? { from } : {}), ...(to ? { to } : {}), format, includeText });
      showExport(result);
    });
  }

  return (
    <Dialog
      title={t('classList.logTitle')}
      description={t('classList.logIntro')}
      onClose={onClose}
      error={error}
      actions={(
        <>
          <DialogClose>{t('classList.cancel')}</DialogClose>
          <button type="button" className="button button-primary" disabled={busy || !validPeriod} onClick={() => void save()}>
            {busy ? t('classList.logSaving') : t('classList.logSave')}
          </button>
        </>
      )}
    >
      <p><strong>{t('classList.logGroup', { group: groupLabel || t('classList.logAll') })}</strong></p>
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('classList.logFrom')}</label>
          <input id={`${id}-from`} type="date" value={from} onChange={(event) => setPeriod((period) => ({ ...period, from: event.target.value }))} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('classList.logTo')}</label>
          <input id={`${id}-to`} type="date" value={to} onChange={(event) => setPeriod((period) => ({ ...period, to: event.target.value }))} />
        </div>
      </div>
      <fieldset className="choice-group">
        <legend>{t('classList.logFormat')}</legend>
        <label className="checkbox">
          <input type="radio" name={`${id}-format`} value="csv" checked={format === 'csv'} onChange={() => setFormat('csv')} />
          <span>{t('classList.logCsv')}</span>
        </label>
        <label className="checkbox">
          <input type="radio" name={`${id}-format`} value="xlsx" checked={format === 'xlsx'} onChange={() => setFormat('xlsx')} />
          <span>{t('classList.logXlsx')}</span>
        </label>
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={includeText} onChange={(event) => setIncludeText(event.target.checked)} />
        <span>{t('classList.logIncludeText')}</span>
      </label>
      {includeText && <p className="notice" role="status">{t('classList.logTextWarning')}</p>}
    </Dialog>
  );
}
