import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Action } from '../../../../shared/dialogueSchemas';
import { COMPETENCES, DILEMMA_TYPES } from '../../../../shared/domain';
import { getApi } from '../../api';
import { useNavigation } from '../../app/navigation';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate } from '../../components/formatDate';
import { MoreMenu, MoreMenuItem } from '../../components/MoreMenu';
import { useLoad } from '../../components/useLoad';
import { ActionList } from '../actions/ActionList';
import { NewDialogueDialog } from '../dialogues/NewDialogueDialog';
import { StudentForm } from './StudentForm';
import { StudentTimeline } from './StudentTimeline';
import { ConsentPanel } from '../recording/ConsentPanel';
import { PortfolioExportDialog } from '../export/PortfolioExportDialog';
import { EraseStudentDialog } from '../safety/EraseStudentDialog';
import { HandoverExportDialog } from '../safety/HandoverExportDialog';
import { useToasts } from '../../components/Toasts';
import { useFileActions } from '../export/useExportToast';
import { useErrorText } from '../../components/useErrorText';

/** One student: dialogues over time, open agreements, and what the tags add up to. */
export function StudentPage({ studentId }: { studentId: string }) {
  const { t, i18n } = useTranslation();
  const { go } = useNavigation();
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [handingOver, setHandingOver] = useState(false);
  const [erasing, setErasing] = useState(false);
  const [editing, setEditing] = useState(false);
  const toasts = useToasts();
  // The access export writes two files into one folder: the buttons open the readable Word one.
  const fileActions = useFileActions();
  const errorText = useErrorText();
  const student = useLoad(() => getApi().students.get({ id: studentId }), [studentId]);
  const overview = useLoad(() => getApi().students.overview({ id: studentId }), [studentId]);

  async function toggle(action: Action, done: boolean) {
    await getApi().actions.setDone({ id: action.id, done });
    await overview.reload();
  }

  const s = student.data;
  const o = overview.data;
  return (
    <section className="screen" aria-labelledby="student-title">
      <button type="button" className="link-button back-link" onClick={() => go({ screen: 'students' })}>← {t('dialogue.studentPage.back')}</button>
      <ErrorMessage message={student.error ?? overview.error} />
      {s && (
        <header className="screen-header">
          <div>
            <h1 id="student-title">{s.displayName}</h1>
            <p className="subtle">
              {[t(`students.schoolTypes.${s.schoolType}`), s.programme, s.cohort, s.studentNumber ? `${t('students.fields.studentNumber')} ${s.studentNumber}` : ''].filter(Boolean).join(' · ')}
            </p>
          </div>
          <div className="header-actions">
            <MoreMenu label={t('safety.more')}>
              <MoreMenuItem onSelect={() => setEditing(true)}>{t('students.edit')}</MoreMenuItem>
              <MoreMenuItem onSelect={() => setHandingOver(true)}>{t('safety.handover.exportButton')}</MoreMenuItem>
              <MoreMenuItem onSelect={() => void getApi().access.export({ studentId }).then(
                (result) => toasts.show(t('safety.access.done', { json: result.json.fileName, word: result.word.fileName }), fileActions(result.word)),
                (caught) => toasts.show(errorText(caught)))}>{t('safety.access.button')}</MoreMenuItem>
              <MoreMenuItem danger onSelect={() => setErasing(true)}>{t('safety.erase.button')}</MoreMenuItem>
            </MoreMenu>
            <button type="button" className="button button-secondary" onClick={() => setExporting(true)}>{t('exporting.portfolioButton')}</button>
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>+ {t('dialogue.studentPage.newDialogue')}</button>
          </div>
        </header>
      )}
      {o && (
        <div className="student-grid">
          <div className="panel wide">
            <h2>{t('dialogue.studentPage.dialogues')}</h2>
            {o.dialogues.length === 0 ? (
              <p className="subtle">{t('dialogue.studentPage.noDialogues')}</p>
            ) : (
              <ol className="dialogue-list">
                {o.dialogues.map((dialogue) => (
                  <li key={dialogue.id}>
                    <button type="button" className="dialogue-card" onClick={() => go({ screen: 'dialogue', studentId, dialogueId: dialogue.id })}>
                      <span className="dialogue-date">{formatDate(dialogue.heldOn, i18n.language)}</span>
                      <span className="dialogue-title">{dialogue.title || dialogue.templateName}</span>
                      <span className="dialogue-meta">
                        <span className={`badge kind-${dialogue.kind}`}>{t(`dialogue.kinds.${dialogue.kind}`)}</span>
                        <span className={`badge status-${dialogue.status}`}>{t(`dialogue.status.${dialogue.status}`)}</span>
                        <span>{t('dialogue.studentPage.words', { count: dialogue.wordCount })}</span>
                        <span>{t('dialogue.studentPage.tags', { count: dialogue.annotationCount })}</span>
                      </span>
                    </button>
                  </li>
                ))}
              </ol>
            )}
          </div>
          <StudentTimeline studentId={studentId} />
          <ConsentPanel studentId={studentId} />
          <div className="panel">
            <h2>{t('dialogue.studentPage.openActions')}</h2>
            {o.openActions.length === 0 ? <p className="subtle">{t('dialogue.studentPage.noOpenActions')}</p>
              : <ActionList actions={o.openActions} onToggle={(action, done) => void toggle(action, done)} />}
          </div>
          <div className="panel">
            <h2>{t('dialogue.studentPage.boundaryTitle')}</h2>
            <CountTable rows={[...DILEMMA_TYPES, 'none' as const].map((key) => [t(`dialogue.dilemma.${key}`), o.boundaryByDilemma[key] ?? 0])} />
          </div>
          <div className="panel">
            <h2>{t('dialogue.studentPage.competenceTitle')}</h2>
            <CountTable rows={COMPETENCES.map((key) => [t(`dialogue.competences.${key}`), o.passagesByCompetence[key] ?? 0])} />
          </div>
        </div>
      )}
      {handingOver && <HandoverExportDialog studentId={studentId} onClose={() => setHandingOver(false)} />}
      {editing && s && (
        <StudentForm student={s} onClose={() => setEditing(false)} onSubmit={async (fields) => {
          await getApi().students.update({ id: s.id, fields });
          toasts.show(t('students.updatedToast'));
          setEditing(false);
          await student.reload();
        }} />
      )}
      {erasing && s && (
        <EraseStudentDialog studentId={studentId} name={s.displayName} onCancel={() => setErasing(false)} onDone={() => go({ screen: 'students' })} />
      )}
      {exporting && <PortfolioExportDialog studentId={studentId} onClose={() => setExporting(false)} />}
      {s && creating && (
        <NewDialogueDialog student={s} onClose={() => setCreating(false)}
          onCreated={(dialogueId) => go({ screen: 'dialogue', studentId, dialogueId, focusText: true })} />
      )}
    </section>
  );
}

/** A count per label with a bar; the number is always written, the bar only repeats it. */
function CountTable({ rows }: { rows: [string, number][] }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...rows.map(([, count]) => count));
  return (
    <table className="count-table">
      <thead><tr><th scope="col"><span className="visually-hidden">{t('students.columns.name')}</span></th><th scope="col">{t('dialogue.studentPage.count')}</th></tr></thead>
      <tbody>
        {rows.map(([label, count]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>
              <span className="count-bar" style={{ inlineSize: `${(count / max) * 100}%` }} aria-hidden="true" />
              <span className="count-value">{count}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
