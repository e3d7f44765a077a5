import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TodayOverview } from '../../../../shared/todaySchemas';
import { useNavigation } from '../../app/navigation';
import { useSession } from '../../app/session';
import { getApi } from '../../api';
import { formatDate } from '../../components/formatDate';
import { StartChecklist } from '../firstRun/StartChecklist';

/**
 * "Vandaag / deze week": the day's work across all students in one place, so the mentor does
 * not open thirty student pages to find what is due. Every row leads to where the work is.
 */
export function TodayScreen() {
  const { t, i18n } = useTranslation();
  const { go } = useNavigation();
  const session = useSession();
  const [overview, setOverview] = useState<TodayOverview | null>(null);

  const load = useCallback(() => {
    getApi().today.overview({}).then(setOverview, (error) => session.handleLocked(error));
  }, [session]);
  useEffect(load, [load]);

  if (!overview) return <div className="screen" aria-busy="true" />;
  const nothing = overview.dueActions.length === 0 && overview.quietStudents.length === 0 && overview.drafts.length === 0;
  return (
    <div className="screen today">
      <header className="screen-header">
        <h1>{t('today.title')}</h1>
      </header>
      <StartChecklist onChanged={load} />
      {nothing && <p className="lead">{t('today.nothing')}</p>}

      <section className="panel" aria-labelledby="today-actions">
        <h2 id="today-actions">{t('today.actions', { count: overview.dueActions.length })}</h2>
        {overview.dueActions.length === 0 ? <p className="hint">{t('today.noActions')}</p> : (
          <ul className="today-list">
            {overview.dueActions.map((action) => (
              <li key={action.actionId}>
                <button type="button" className="link-button" onClick={() => go({ screen: 'student', studentId: action.studentId })}>
                  {action.studentName}
                </button>
                {' · '}{action.text}{' · '}
                <span className={action.overdue ? 'badge badge-danger' : 'subtle'}>
                  {action.overdue ? t('today.overdue', { date: formatDate(action.dueDate, i18n.language) }) : formatDate(action.dueDate, i18n.language)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="today-quiet">
        <h2 id="today-quiet">{t('today.quiet', { count: overview.quietStudents.length, weeks: overview.quietWeeks })}</h2>
        {overview.quietStudents.length === 0 ? <p className="hint">{t('today.noQuiet')}</p> : (
          <ul className="today-list">
            {overview.quietStudents.map((student) => (
              <li key={student.studentId}>
                <button type="button" className="link-button" onClick={() => go({ screen: 'student', studentId: student.studentId })}>
                  {student.studentName}
                </button>
                {' · '}
                <span className="subtle">
                  {student.lastDialogueOn ? t('today.lastDialogue', { date: formatDate(student.lastDialogueOn, i18n.language) }) : t('today.noDialogueYet')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="today-drafts">
        <h2 id="today-drafts">{t('today.drafts', { count: overview.drafts.length })}</h2>
        {overview.drafts.length === 0 ? <p className="hint">{t('today.noDrafts')}</p> : (
          <ul className="today-list">
            {overview.drafts.map((draft) => (
              <li key={draft.dialogueId}>
                <button type="button" className="link-button" onClick={() => go({ screen: 'dialogue', studentId: draft.studentId, dialogueId: draft.dialogueId })}>
                  {draft.title || t('today.untitled')}
                </button>
                {' · '}{draft.studentName}{' · '}<span className="subtle">{formatDate(draft.heldOn, i18n.language)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
