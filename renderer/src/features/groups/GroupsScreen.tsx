import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPETENCES, SCHOOL_TYPES, type SchoolType } from '../../../../shared/domain';
import type { Student } from '../../../../shared/schemas';
import type { GroupRow } from '../../../../shared/searchSchemas';
import { getApi } from '../../api';
import { useNavigation } from '../../app/navigation';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate } from '../../components/formatDate';
import { useErrorText } from '../../components/useErrorText';
import { DialogueLogDialog } from '../classList/DialogueLogDialog';
import { RefiImportButton } from '../exchange/RefiImportButton';
import { useExportToast } from '../export/useExportToast';

const distinct = (values: string[]) => [...new Set(values.filter(Boolean))].sort((a, b) => a.localeCompare(b, 'nl'));

/** Counts per student for a group a coach chooses; content stays out unless asked for. */
export function GroupsScreen() {
  const { t, i18n } = useTranslation();
  const { go } = useNavigation();
  const errorText = useErrorText();
  const showExport = useExportToast();
  const id = useId();
  const [students, setStudents] = useState<Student[]>([]);
  const [cohort, setCohort] = useState('');
  const [programme, setProgramme] = useState('');
  const [schoolType, setSchoolType] = useState('');
  const [mentor, setMentor] = useState('');
  const [weeks, setWeeks] = useState(6);
  const [includeQuotes, setIncludeQuotes] = useState(false);
  const [rows, setRows] = useState<GroupRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [logOpen, setLogOpen] = useState(false);

  const filter = () => ({
    ...(cohort ? { cohort } : {}), ...(programme ? { programme } : {}), ...(schoolType ? { schoolType: schoolType as SchoolType } : {}),
    ...(mentor ? { mentor } : {}), weeksWithoutDialogue: weeks,
  });

  async function show(event?: FormEvent) {
    event?.preventDefault();
    setError(null);
    try {
      setRows(await getApi().groups.overview(filter()));
    } catch (caught) {
      setError(errorText(caught));
    }
  }

  useEffect(() => {
    getApi().students.list({}).then(setStudents, () => undefined);
    void show();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Generic in the option type, so that a school type's label is a typed key, not any string.
  const select = <Option extends string>(label: string, value: string, set: (value: string) => void, options: readonly Option[], format: (option: Option) => string = (option) => option) => (
    <label className="field">{label}
      <select value={value} onChange={(event) => set(event.target.value)}>
        <option value="">{t('insights.groups.any')}</option>
        {options.map((option) => <option key={option} value={option}>{format(option)}</option>)}
      </select>
    </label>
  );
  const sum = (record: Record<string, number>) => Object.values(record).reduce((total, value) => total + value, 0);

  return (
    <section className="screen" aria-labelledby={`${id}-title`}>
      <header className="screen-header"><div><h1 id={`${id}-title`}>{t('insights.groups.title')}</h1><p className="subtle">{t('insights.groups.intro')}</p></div></header>
      <form className="row filters" onSubmit={show}>
        {select(t('insights.groups.cohort'), cohort, setCohort, distinct(students.map((student) => student.cohort)))}
        {select(t('insights.groups.programme'), programme, setProgramme, distinct(students.map((student) => student.programme)))}
        {select(t('insights.groups.schoolType'), schoolType, setSchoolType, SCHOOL_TYPES, (type) => t(`students.schoolTypes.${type}`))}
        {select(t('insights.groups.mentor'), mentor, setMentor, distinct(students.map((student) => student.mentor)))}
        <label className="field">{t('insights.groups.weeks')}
          <input type="number" className="narrow" min={1} max={52} value={weeks} onChange={(event) => setWeeks(Math.max(1, Math.min(52, Number(event.target.value) || 6)))} />
        </label>
        <div className="field"><span aria-hidden="true">&nbsp;</span><button type="submit" className="button button-primary">{t('insights.groups.show')}</button></div>
      </form>
      <ErrorMessage message={error} />
      {rows && (rows.length === 0 ? <p className="subtle">{t('insights.groups.none')}</p> : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('insights.groups.student')}</th>
                <th scope="col">{t('insights.groups.dialogues')}</th>
                <th scope="col">{t('insights.groups.internalExternal')}</th>
                <th scope="col">{t('insights.groups.boundary')}</th>
                <th scope="col">{t('insights.groups.competences')}</th>
                <th scope="col">{t('insights.groups.overdue')}</th>
                <th scope="col">{t('insights.groups.last')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.studentId} className={row.quiet ? 'quiet' : undefined}>
                  <th scope="row">
                    <button type="button" className="link-button student-link" onClick={() => go({ screen: 'student', studentId: row.studentId })}>{row.displayName}</button>
                    {row.quiet && <span className="badge badge-warning">{t('insights.groups.quiet', { weeks })}</span>}
                  </th>
                  <td>{row.dialogues}</td>
                  <td>{row.internal} / {row.external}</td>
                  <td>{sum(row.boundaryByDilemma)}</td>
                  <td title={COMPETENCES.map((key) => `${t(`dialogue.competences.${key}`)}: ${row.passagesByCompetence[key] ?? 0}`).join('\n')}>{sum(row.passagesByCompetence)}</td>
                  <td>{row.overdueActions}</td>
                  <td>{row.lastDialogue ? formatDate(row.lastDialogue, i18n.language) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <div className="row export-row">
        <label className="checkbox"><input type="checkbox" checked={includeQuotes} onChange={(event) => setIncludeQuotes(event.target.checked)} /><span>{t('insights.groups.includeQuotes')}</span></label>
        {/* No students in the group: nothing to report yet, so the button says so by being off. */}
        <button type="button" className="button button-secondary" disabled={!rows?.length} onClick={() => void getApi().export.groupReport({ ...filter(), includeQuotes }).then(
          (result) => showExport(result), (caught) => setError(errorText(caught)))}>{t('insights.groups.export')}</button>
        {/* REFI-QDA: the students shown, for a coach or researcher's QDA tool; private sections stay out. */}
        <button type="button" className="button button-secondary" disabled={!rows?.length} title={t('insights.groups.exportQdpxHint')} onClick={() => void getApi().exchange.exportQdpx({ studentIds: (rows ?? []).map((row) => row.studentId), includePrivate: false }).then(
          (result) => showExport(result), (caught) => setError(errorText(caught)))}>{t('insights.groups.exportQdpx')}</button>
        <button type="button" className="button button-secondary" onClick={() => setLogOpen(true)}>{t('classList.logButton')}</button>
        <button type="button" className="button button-secondary" onClick={() => void getApi().exchange.exportQdc().then(
          (result) => showExport(result), (caught) => setError(errorText(caught)))}>{t('insights.groups.exportQdc')}</button>
        <RefiImportButton onError={setError} onImported={() => void show()} />
      </div>
      {logOpen && (
        <DialogueLogDialog
          group={{ ...(cohort ? { cohort } : {}), ...(programme ? { programme } : {}), ...(schoolType ? { schoolType: schoolType as SchoolType } : {}), ...(mentor ? { mentor } : {}) }}
          groupLabel={[cohort, programme, schoolType ? t(`students.schoolTypes.${schoolType as SchoolType}`) : '', mentor].filter(Boolean).join(' · ')}
          onClose={() => setLogOpen(false)}
        />
      )}
    </section>
  );
}
