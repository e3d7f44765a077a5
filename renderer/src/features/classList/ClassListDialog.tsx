import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CLASS_LIST_FIELDS, type ClassListField, type ClassListImportResult, type ClassListPlan, type ClassListPreview,
} from '../../../../shared/classListSchemas';
import { SCHOOL_TYPES, type SchoolType } from '../../../../shared/domain';
import { getApi } from '../../api';
import { Dialog, DialogClose } from '../../components/Dialog';
import { useToasts } from '../../components/Toasts';
import { useDialogAction } from '../../components/useDialogAction';
import { useErrorText } from '../../components/useErrorText';

const DELIMITER_KEYS = { ';': 'semicolon', ',': 'comma', '\t': 'tab' } as const;

/**
 * Class list import (issue 16 part 3): choose a file (the open dialog is the main process's),
 * check the columns and what each row becomes, then import. Nothing is imported before the
 * confirm button; a refused file shows its own error and changes nothing.
 */
export function ClassListDialog({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const toasts = useToasts();
  const id = useId();
  const [preview, setPreview] = useState<ClassListPreview | null>(null);
  const [mapping, setMapping] = useState<ClassListField[]>([]);
  const [schoolType, setSchoolType] = useState<SchoolType>('havo');
  const [plan, setPlan] = useState<ClassListPlan | null>(null);
  const [planError, setPlanError] = useState<string | null>(null);
  const [duplicateAction, setDuplicateAction] = useState<'skip' | 'update'>('skip');
  const [result, setResult] = useState<ClassListImportResult | null>(null);
  const [sheetBusy, setSheetBusy] = useState(false);
  const picking = useDialogAction();
  const importing = useDialogAction();
  const token = useRef<string | null>(null);

  // A closed dialog lets the backend forget the rows at once instead of at expiry.
  useEffect(() => () => {
    if (token.current) void getApi().classList.discard({ token: token.current }).catch(() => undefined);
  }, []);

  async function pick() {
    await picking.run(async () => {
      const picked = await getApi().classList.pick();
      if (!picked) return;
      if (token.current) void getApi().classList.discard({ token: token.current }).catch(() => undefined);
      token.current = picked.token;
      setPreview(picked);
      setMapping(picked.columns.map((column) => column.suggested));
      setSchoolType(picked.defaultSchoolType);
      setPlan(picked.plan);
      setPlanError(null);
      setResult(null);
    });
  }

  // Another sheet is parsed again in the backend's job: new columns, a new suggested mapping.
  async function chooseSheet(sheet: string) {
    if (!preview) return;
    setSheetBusy(true);
    try {
      const next = await getApi().classList.sheet({ token: preview.token, sheet });
      setPreview(next);
      setMapping(next.columns.map((column) => column.suggested));
      setSchoolType(next.defaultSchoolType);
      setPlan(next.plan);
      setPlanError(null);
    } catch (caught) {
      // The token stays on the sheet it had; the preview shown is still that sheet's.
      setPlanError(errorText(caught));
    } finally {
      setSheetBusy(false);
    }
  }

  async function replan(nextMapping: ClassListField[], nextType: SchoolType) {
    setMapping(nextMapping);
    setSchoolType(nextType);
    if (!preview) return;
    try {
      setPlan(await getApi().classList.plan({ token: preview.token, mapping: nextMapping, defaultSchoolType: nextType }));
      setPlanError(null);
    } catch (caught) {
      setPlan(null);
      setPlanError(errorText(caught));
    }
  }

  async function confirm() {
    if (!preview) return;
    await importing.run(async () => {
      const done = await getApi().classList.import({ token: preview.token, mapping, defaultSchoolType: schoolType, duplicateAction });
      token.current = null;
      setResult(done);
      toasts.show(t('classList.doneToast', { created: done.created, updated: done.updated }));
      onImported();
    });
  }

  if (result) {
    return (
      <Dialog title={t('classList.doneTitle')} onClose={onClose} size="wide"
        actions={<DialogClose className="button button-primary">{t('classList.close')}</DialogClose>}>
        <p role="status" className="class-list-result">{t('classList.done', { created: result.created, updated: result.updated, unchanged: result.unchanged, skipped: result.skippedCount })}</p>
        <SkippedList skipped={result.skipped} total={result.skippedCount} />
      </Dialog>
    );
  }

  const counts = plan?.counts;
  const importable = counts ? counts.new + (duplicateAction === 'update' ? counts.duplicates : 0) : 0;
  const busy = picking.busy || importing.busy || sheetBusy;

  return (
    <Dialog
      title={t('classList.title')}
      description={preview ? undefined : t('classList.intro')}
      size="wide"
      onClose={onClose}
      error={picking.error ?? importing.error}
      actions={(
        <>
          <DialogClose>{t('classList.cancel')}</DialogClose>
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => void pick()}>
            {picking.busy ? t('classList.reading') : preview ? t('classList.chooseOther') : t('classList.choose')}
          </button>
          {preview && (
            <button type="button" className="button button-primary" disabled={busy || !plan || importable === 0} onClick={() => void confirm()}>
              {importing.busy ? t('classList.importing')
                : duplicateAction === 'update' && counts && counts.duplicates > 0 ? t('classList.confirmUpdate') : t('classList.confirm', { count: importable })}
            </button>
          )}
        </>
      )}
    >
      {preview && (
        <div className="class-list">
          <p className="subtle">
            {t('classList.fileSummary', { fileName: preview.fileName, headerRow: preview.headerRow })}
            {' · '}
            {preview.format === 'csv' && preview.encoding && preview.delimiter
              ? t('classList.csvDetails', { encoding: t(`classList.encodings.${preview.encoding}`), delimiter: t(`classList.delimiters.${DELIMITER_KEYS[preview.delimiter]}`) })
              : t('classList.xlsxDetails')}
          </p>
          {preview.sheets.length > 1 && preview.sheet !== null && (
            <>
              <label className="field class-list-sheet">{t('classList.sheet')}
                <select value={preview.sheet} disabled={busy} onChange={(event) => void chooseSheet(event.target.value)}>
                  {preview.sheets.map((sheet) => (
                    <option key={sheet.name} value={sheet.name}>
                      {sheet.hidden ? t('classList.sheetHidden', { name: sheet.name }) : sheet.empty ? t('classList.sheetEmpty', { name: sheet.name }) : sheet.name}
                    </option>
                  ))}
                </select>
              </label>
              <p className="hint">{sheetBusy ? t('classList.readingSheet') : t('classList.sheetHint')}</p>
              {preview.sheetsOmitted > 0 && <p className="hint">{t('classList.sheetsOmitted', { count: preview.sheetsOmitted })}</p>}
            </>
          )}
          <h3 id={`${id}-mapping`}>{t('classList.mappingTitle')}</h3>
          <p className="hint">{t('classList.mappingHint')}</p>
          <div className="class-list-mapping" role="group" aria-labelledby={`${id}-mapping`}>
            {preview.columns.map((column) => (
              <label key={column.index} className="field">
                <span className="class-list-header">{column.header || `${t('classList.column')} ${column.index + 1}`}</span>
                <select value={mapping[column.index] ?? 'ignore'} aria-label={`${t('classList.becomes')}: ${column.header || column.index + 1}`}
                  onChange={(event) => void replan(mapping.map((field, index) => (index === column.index ? event.target.value as ClassListField : field)), schoolType)}>
                  {CLASS_LIST_FIELDS.map((field) => <option key={field} value={field}>{t(`classList.fields.${field}`)}</option>)}
                </select>
              </label>
            ))}
          </div>
          {preview.unknownHeaders.length > 0 && <p className="hint">{t('classList.unknownHeaders', { headers: preview.unknownHeaders.join(', ') })}</p>}
          <label className="field class-list-type">{t('classList.defaultSchoolType')}
            <select value={schoolType} onChange={(event) => void replan(mapping, event.target.value as SchoolType)}>
              {SCHOOL_TYPES.map((type) => <option key={type} value={type}>{t(`students.schoolTypes.${type}`)}</option>)}
            </select>
          </label>

          {planError && <p className="notice" role="alert">{planError}</p>}
          {plan && counts && (
            <>
              <p role="status" className="class-list-counts"><strong>{t('classList.counts', counts)}</strong></p>
              <h3>{t('classList.previewTitle', { count: plan.previewRows.length })}</h3>
              <div className="table-scroll class-list-preview">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('classList.row')}</th>
                      <th scope="col">{t('classList.number')}</th>
                      <th scope="col">{t('classList.name')}</th>
                      <th scope="col">{t('classList.group')}</th>
                      <th scope="col">{t('classList.outcome')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {plan.previewRows.map((row) => (
                      <tr key={row.row} className={`outcome-${row.outcome}`}>
                        <td>{row.row}</td>
                        <td>{row.studentNumber ?? '—'}</td>
                        <th scope="row">{row.displayName || '—'}</th>
                        <td>{row.cohort}</td>
                        <td>
                          <span className={row.outcome === 'skipped' ? 'badge badge-warning' : 'badge'}>{t(`classList.outcomes.${row.outcome}`)}</span>
                          {row.matchedBy && <span className="subtle"> {t(`classList.matchedBy.${row.matchedBy}`)}</span>}
                          {row.reason && <span className="subtle"> {t(`classList.reasons.${row.reason}`)}</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {counts.duplicates > 0 && (
                <fieldset className="choice-group">
                  <legend>{t('classList.duplicatesLegend')}</legend>
                  <label className="checkbox">
                    <input type="radio" name={`${id}-duplicates`} value="skip" checked={duplicateAction === 'skip'} onChange={() => setDuplicateAction('skip')} />
                    <span>{t('classList.duplicateSkip')}</span>
                  </label>
                  <label className="checkbox">
                    <input type="radio" name={`${id}-duplicates`} value="update" checked={duplicateAction === 'update'} onChange={() => setDuplicateAction('update')} />
                    <span>{t('classList.duplicateUpdate')}</span>
                  </label>
                </fieldset>
              )}
              <SkippedList skipped={plan.skipped} total={counts.skipped} />
              {importable === 0 && <p className="hint">{t('classList.nothingToImport')}</p>}
            </>
          )}
        </div>
      )}
    </Dialog>
  );
}

function SkippedList({ skipped, total }: { skipped: ClassListPlan['skipped']; total: number }) {
  const { t } = useTranslation();
  if (total === 0) return null;
  return (
    <details className="class-list-skipped" open={total <= 10}>
      <summary>{t('classList.skippedTitle')} ({total})</summary>
      <ul>
        {skipped.map((skip) => <li key={skip.row}>{t('classList.skippedRow', { row: skip.row, reason: t(`classList.reasons.${skip.reason}`) })}</li>)}
        {total > skipped.length && <li>{t('classList.skippedMore', { count: total - skipped.length })}</li>}
      </ul>
    </details>
  );
}
