import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SCHOOL_TYPES, type SchoolType } from '../../../../shared/domain';
import type { RefiPreview } from '../../../../shared/exchangeSchemas';
import type { Student } from '../../../../shared/schemas';
import { getApi } from '../../api';
import { useSession } from '../../app/session';
import { Dialog, DialogClose } from '../../components/Dialog';
import { useToasts } from '../../components/Toasts';
import { useDialogAction } from '../../components/useDialogAction';
import { useErrorText } from '../../components/useErrorText';
import './exchange.css';

/**
 * "REFI-QDA importeren": the OS open dialog (asked by the backend, so the path never passes
 * through this window), then a preview of what the import would do and what it leaves out, a
 * choice where the dialogues go, and the import in one step. Nothing is stored before "Importeren".
 */
export function RefiImportButton({ onImported, onError }: { onImported?(): void; onError(message: string | null): void }) {
  const { t } = useTranslation();
  const session = useSession();
  const errorText = useErrorText();
  const [opening, setOpening] = useState(false);
  const [picked, setPicked] = useState<{ token: string; preview: RefiPreview } | null>(null);

  async function pick() {
    onError(null);
    setOpening(true);
    try {
      const result = await getApi().exchange.pickQdpx();
      if (result.token && result.preview) setPicked({ token: result.token, preview: result.preview });
    } catch (caught) {
      if (!session.handleLocked(caught)) onError(errorText(caught));
    } finally {
      setOpening(false);
    }
  }

  return (
    <>
      <button type="button" className="button button-secondary" title={t('exchange.refi.importHint')} disabled={opening} onClick={() => void pick()}>
        {opening ? t('exchange.refi.opening') : t('exchange.refi.importButton')}
      </button>
      {picked && <RefiImportDialog token={picked.token} preview={picked.preview} onClose={() => setPicked(null)} onImported={() => { setPicked(null); onImported?.(); }} />}
    </>
  );
}

function RefiImportDialog({ token, preview, onClose, onImported }: { token: string; preview: RefiPreview; onClose(): void; onImported(): void }) {
  const { t } = useTranslation();
  const toasts = useToasts();
  const id = useId();
  const [mode, setMode] = useState<'cases' | 'student'>('cases');
  const [schoolType, setSchoolType] = useState<SchoolType>('havo');
  const [students, setStudents] = useState<Student[] | null>(null);
  const [studentId, setStudentId] = useState('');
  const { busy, error, run } = useDialogAction();
  const codebook = preview.kind === 'codebook';

  const chooseMode = (next: 'cases' | 'student') => {
    setMode(next);
    if (next === 'student' && students === null) {
      void getApi().students.list({}).then((list) => {
        setStudents(list);
        setStudentId((current) => current || list[0]?.id || '');
      }, () => setStudents([]));
    }
  };

  const submit = () => {
    void run(async () => {
      const target = mode === 'student' && !codebook ? { kind: 'student' as const, studentId } : { kind: 'cases' as const, schoolType };
      const result = await getApi().exchange.importQdpx({ token, target });
      toasts.show(t('exchange.refi.done', { dialogues: result.dialogues, passages: result.passages, codesNew: result.codesNew }));
      onImported();
    });
  };

  // This app names its projects after itself: then the name says nothing the origin does not.
  const origin = !preview.origin ? t('exchange.refi.madeUnknown')
    : !preview.name || preview.name === preview.origin ? t('exchange.refi.madeBy', { origin: preview.origin })
      : t('exchange.refi.made', { name: preview.name, origin: preview.origin });
  return (
    <Dialog
      title={t('exchange.refi.title')}
      description={origin}
      size="wide"
      onClose={onClose}
      onSubmit={submit}
      error={error}
      actions={(
        <>
          <DialogClose>{t('common.cancel')}</DialogClose>
          <button type="submit" className="button button-primary" disabled={busy || (mode === 'student' && !codebook && !studentId)}>
            {busy ? t('exchange.refi.importing') : t('exchange.refi.confirm')}
          </button>
        </>
      )}
    >
      <ul className="refi-counts" aria-label={t('exchange.refi.title')}>
        {codebook ? <li>{t('exchange.refi.codebookOnly')}</li> : (
          <>
            <li>{t('exchange.refi.sources', { count: preview.sources })}</li>
            <li>{t('exchange.refi.passages', { count: preview.passages })}</li>
            <li>{t('exchange.refi.memos', { count: preview.memos })}</li>
          </>
        )}
        <li>{t('exchange.refi.codesNew', { count: preview.codesNew })}</li>
        <li>{t('exchange.refi.codesMerged', { count: preview.codesMerged })}</li>
      </ul>

      {!codebook && (
        <fieldset className="choice-group">
          <legend>{t('exchange.refi.target')}</legend>
          <label className="checkbox">
            <input type="radio" name={`${id}-mode`} checked={mode === 'cases'} onChange={() => chooseMode('cases')} />
            <span>{t('exchange.refi.perCase', { count: preview.cases.length })}</span>
          </label>
          {mode === 'cases' && (
            <div className="refi-indent">
              {preview.sourcesWithoutCase > 0 && <p className="hint">{t('exchange.refi.withoutCase', { count: preview.sourcesWithoutCase })}</p>}
              <label className="field">{t('exchange.refi.schoolType')}
                <select value={schoolType} onChange={(event) => setSchoolType(event.target.value as SchoolType)}>
                  {SCHOOL_TYPES.map((type) => <option key={type} value={type}>{t(`students.schoolTypes.${type}`)}</option>)}
                </select>
              </label>
              {preview.cases.length > 0 && (
                <details>
                  <summary>{t('exchange.refi.cases')}</summary>
                  <ul className="refi-cases">{preview.cases.map((entry, index) => <li key={index}>{entry.name || '—'} ({entry.sources})</li>)}</ul>
                </details>
              )}
            </div>
          )}
          <label className="checkbox">
            <input type="radio" name={`${id}-mode`} checked={mode === 'student'} onChange={() => chooseMode('student')} />
            <span>{t('exchange.refi.oneStudent')}</span>
          </label>
          {mode === 'student' && (
            <div className="refi-indent">
              <label className="field">{t('exchange.refi.student')}
                <select value={studentId} onChange={(event) => setStudentId(event.target.value)} disabled={!students?.length}>
                  {(students ?? []).map((student) => <option key={student.id} value={student.id}>{student.displayName}</option>)}
                </select>
              </label>
            </div>
          )}
        </fieldset>
      )}

      <h3 className="refi-skipped-title">{t('exchange.refi.skippedTitle')}</h3>
      {preview.skipped.length === 0 ? <p className="hint">{t('exchange.refi.nothingSkipped')}</p> : (
        <ul className="refi-skipped">
          {preview.skipped.map((entry) => <li key={entry.reason}>{t(`exchange.refi.skipped.${entry.reason}`, { count: entry.count })}</li>)}
        </ul>
      )}
      {!codebook && <p className="notice">{t('exchange.refi.privacy')}</p>}
    </Dialog>
  );
}
