import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FirstRunStatus } from '../../../../shared/firstRunSchemas';
import { getApi } from '../../api';
import { useNavigation } from '../../app/navigation';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useToasts } from '../../components/Toasts';
import { useErrorText } from '../../components/useErrorText';
import { useLoad } from '../../components/useLoad';

type Step = 'backup' | 'students' | 'dialogue' | 'export';

/** Which steps are done, from the vault's real state (firstRun:status). */
export function stepsDone(status: FirstRunStatus): Record<Step, boolean> {
  return { backup: status.backupFolderChosen, students: status.students > 0, dialogue: status.dialogues > 0, export: status.exports > 0 };
}

/**
 * The start checklist of a new vault (choose a backup folder, add students, hold a dialogue,
 * export it), ticked off from what the vault holds rather than from clicks, so it is right after
 * a restart or a restore too. A step that cannot work yet says why instead of offering a button.
 * Below it the optional example student: added in one transaction, removed by a real erasure.
 * `refreshKey` reloads it when the screen around it changed something (a student added).
 */
export function StartChecklist({ refreshKey, onAddStudent, onChanged }: { refreshKey?: unknown; onAddStudent?: () => void; onChanged?: () => void }) {
  const { t } = useTranslation();
  const { go } = useNavigation();
  const toasts = useToasts();
  const errorText = useErrorText();
  const loaded = useLoad(() => getApi().firstRun.status(), [refreshKey]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const status = loaded.data;
  if (!status) return null;
  const done = stepsDone(status);
  const count = Object.values(done).filter(Boolean).length;
  // Hidden by the mentor, or nothing left to do and no example to remove: an established vault sees nothing.
  if (status.dismissed || (count === 4 && !status.exampleStudentId)) return null;

  const act = async (work: () => Promise<FirstRunStatus | void>, message?: string) => {
    setBusy(true);
    setError(null);
    try {
      const next = await work();
      if (next) loaded.setData(next);
      else await loaded.reload();
      if (message) toasts.show(message);
      onChanged?.();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  const item = (step: Step, extra: ReactNode) => (
    <li className={done[step] ? 'checklist-item checklist-done' : 'checklist-item'} data-step={step} data-done={done[step] ? 'true' : 'false'}>
      <span className="checklist-mark" aria-hidden="true">{done[step] ? '✓' : ''}</span>
      <div className="checklist-body">
        <h3 className="checklist-title">
          {t(`firstRun.checklist.${step}.title`)}
          <span className="visually-hidden">: {done[step] ? t('firstRun.checklist.done') : t('firstRun.checklist.todo')}</span>
        </h3>
        {!done[step] && <p className="hint">{t(`firstRun.checklist.${step}.hint`)}</p>}
        {!done[step] && extra}
      </div>
    </li>
  );

  return (
    <section className="panel panel-wide start-checklist" aria-labelledby="start-checklist-title">
      <div className="checklist-header">
        <div>
          <h2 id="start-checklist-title">{t('firstRun.checklist.title')}</h2>
          <p className="subtle" data-testid="checklist-progress">{count === 4 ? t('firstRun.checklist.allDone') : `${t('firstRun.checklist.intro')} ${t('firstRun.checklist.progress', { count })}`}</p>
        </div>
        <button type="button" className="button button-ghost" disabled={busy} onClick={() => void act(() => getApi().firstRun.dismiss({ dismissed: true }))}>
          {t('firstRun.checklist.hide')}
        </button>
      </div>
      <ErrorMessage message={error} />
      <ol className="checklist">
        {item('backup', (
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => void act(async () => { await getApi().backups.chooseFolder(); })}>
            {t('firstRun.checklist.backup.action')}
          </button>
        ))}
        {item('students', onAddStudent ? (
          <button type="button" className="button button-secondary" disabled={busy} onClick={onAddStudent}>+ {t('firstRun.checklist.students.action')}</button>
        ) : (
          <button type="button" className="button button-secondary" onClick={() => go({ screen: 'students' })}>{t('nav.students')}</button>
        ))}
        {item('dialogue', done.students ? null : <p className="subtle blocked">{t('firstRun.checklist.dialogue.blocked')}</p>)}
        {item('export', done.dialogue || status.exampleStudentId ? null : <p className="subtle blocked">{t('firstRun.checklist.export.blocked')}</p>)}
      </ol>
      <div className="checklist-example">
        {status.exampleStudentId ? (
          <>
            <p className="hint">{t('firstRun.example.present')}</p>
            <div className="row">
              <button type="button" className="button button-secondary" onClick={() => go({ screen: 'student', studentId: status.exampleStudentId! })}>
                {t('firstRun.example.open')}
              </button>
              <button type="button" className="button button-ghost" disabled={busy}
                onClick={() => void act(() => getApi().firstRun.removeExample(), t('firstRun.example.removed'))}>
                {t('firstRun.example.remove')}
              </button>
            </div>
          </>
        ) : (
          <>
            <h3>{t('firstRun.example.title')}</h3>
            <p className="hint">{t('firstRun.example.body')}</p>
            <button type="button" className="button button-secondary" disabled={busy}
              onClick={() => void act(() => getApi().firstRun.addExample(), t('firstRun.example.added'))}>
              {t('firstRun.example.add')}
            </button>
          </>
        )}
      </div>
    </section>
  );
}
