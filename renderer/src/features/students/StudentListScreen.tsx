import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Student, StudentFields } from '../../../../shared/schemas';
import { getApi } from '../../api';
import { useNavigation } from '../../app/navigation';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useToasts } from '../../components/Toasts';
import { useErrorText } from '../../components/useErrorText';
import { formatDate } from '../../components/formatDate';
import { HandoverImportDialog } from '../safety/HandoverImportDialog';
import { StartChecklist } from '../firstRun/StartChecklist';
import { RetentionReminder } from '../safety/RetentionReminder';
import { ClassListDialog } from '../classList/ClassListDialog';
import { StudentForm } from './StudentForm';

type Editing = { student: Student | null } | null;

export function StudentListScreen() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const { go } = useNavigation();
  const toasts = useToasts();
  const errorText = useErrorText();
  // All students, archived too: the list filters them, and an archive-only list is not "empty".
  const [all, setAll] = useState<Student[] | null>(null);
  const [includeArchived, setIncludeArchived] = useState(false);
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [classList, setClassList] = useState(false);

  const fail = useCallback((caught: unknown) => {
    if (!session.handleLocked(caught)) setError(errorText(caught));
  }, [session, errorText]);

  const reload = useCallback(async () => {
    try {
      setAll(await getApi().students.list({ includeArchived: true }));
    } catch (caught) {
      fail(caught);
    }
  }, [fail]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const students = useMemo(() => all?.filter((student) => includeArchived || !student.archivedAt) ?? null, [all, includeArchived]);

  const visible = useMemo(() => {
    const needle = query.trim().toLocaleLowerCase();
    if (!students || !needle) return students ?? [];
    return students.filter((student) =>
      [student.displayName, student.programme, student.cohort, student.studentNumber ?? ''].some((value) => value.toLocaleLowerCase().includes(needle)));
  }, [students, query]);

  async function save(fields: StudentFields) {
    if (editing?.student) {
      await getApi().students.update({ id: editing.student.id, fields });
      toasts.show(t('students.updatedToast'));
    } else {
      const created = await getApi().students.create(fields);
      toasts.show(t('students.addedToast', { name: created.displayName }));
    }
    setEditing(null);
    await reload();
  }

  async function setArchived(student: Student, archived: boolean) {
    try {
      if (archived) {
        await getApi().students.archive({ id: student.id });
        toasts.show(t('students.archivedToast', { name: student.displayName }), () => void setArchived(student, false));
      } else {
        await getApi().students.restore({ id: student.id });
        toasts.show(t('students.restoredToast', { name: student.displayName }));
      }
      await reload();
    } catch (caught) {
      fail(caught);
    }
  }

  const total = all?.filter((student) => !student.archivedAt).length ?? 0;

  return (
    <section className="screen" aria-labelledby="students-title">
      <header className="screen-header">
        <div>
          <h1 id="students-title">{t('students.title')}</h1>
          {all && all.length > 0 && <p className="subtle">{t('students.count', { count: total })}</p>}
        </div>
        <div className="header-actions">
          <button type="button" className="button button-secondary" onClick={() => setClassList(true)}>{t('classList.importButton')}</button>
          <button type="button" className="button button-secondary" onClick={() => setImporting(true)}>{t('safety.handover.importButton')}</button>
          <button type="button" className="button button-primary" onClick={() => setEditing({ student: null })}>
            + {t('students.add')}
          </button>
        </div>
      </header>
      <RetentionReminder />
      <ErrorMessage message={error} />
      <StartChecklist refreshKey={all?.length} onAddStudent={() => setEditing({ student: null })} onChanged={() => void reload()} />

      {all && all.length === 0 ? (
        <div className="empty-state">
          <div className="empty-illustration" aria-hidden="true">◐</div>
          <h2>{t('students.emptyTitle')}</h2>
          <p>{t('students.emptyBody')}</p>
          <button type="button" className="button button-primary" onClick={() => setEditing({ student: null })}>
            + {t('students.add')}
          </button>
        </div>
      ) : (
        <>
          <div className="toolbar">
            <label className="search">
              <span className="visually-hidden">{t('students.search')}</span>
              <input type="search" placeholder={t('students.search')} value={query} onChange={(event) => setQuery(event.target.value)} />
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={includeArchived} onChange={(event) => setIncludeArchived(event.target.checked)} />
              <span>{t('students.showArchived')}</span>
            </label>
          </div>
          {visible.length === 0 ? (
            <p className="subtle">{query ? t('students.noMatch', { query }) : t('students.allArchived')}</p>
          ) : (
            <div className="table-scroll">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('students.columns.name')}</th>
                    <th scope="col">{t('students.columns.schoolType')}</th>
                    <th scope="col">{t('students.columns.programme')}</th>
                    <th scope="col">{t('students.columns.cohort')}</th>
                    <th scope="col">{t('students.columns.leavingDate')}</th>
                    <th scope="col"><span className="visually-hidden">{t('students.columns.actions')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  {visible.map((student) => (
                    <tr key={student.id} className={student.archivedAt ? 'archived' : undefined}>
                      <th scope="row">
                        <button type="button" className="link-button student-link" onClick={() => go({ screen: 'student', studentId: student.id })}>
                          {student.displayName}
                        </button>
                        {student.archivedAt && <span className="badge">{t('students.archived')}</span>}
                      </th>
                      <td>{t(`students.schoolTypes.${student.schoolType}`)}</td>
                      <td>{student.programme}</td>
                      <td>{student.cohort}</td>
                      <td>{formatDate(student.leavingDate, i18n.language)}</td>
                      <td className="row-actions">
                        <button type="button" className="button button-ghost" onClick={() => setEditing({ student })}
                          aria-label={`${t('common.edit')}: ${student.displayName}`}>{t('common.edit')}</button>
                        {student.archivedAt ? (
                          <button type="button" className="button button-ghost" onClick={() => void setArchived(student, false)}
                            aria-label={`${t('students.restore')}: ${student.displayName}`}>{t('students.restore')}</button>
                        ) : (
                          <button type="button" className="button button-ghost" onClick={() => void setArchived(student, true)}
                            aria-label={`${t('students.archive')}: ${student.displayName}`}>{t('students.archive')}</button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}

      {classList && <ClassListDialog onClose={() => setClassList(false)} onImported={() => void reload()} />}
      {importing && <HandoverImportDialog onClose={() => setImporting(false)} onImported={() => { setImporting(false); void reload(); }} />}
      {editing && (
        <StudentForm
          key={editing.student?.id ?? 'new'}
          student={editing.student}
          onClose={() => setEditing(null)}
          onSubmit={save}
        />
      )}
    </section>
  );
}
