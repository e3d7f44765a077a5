import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SCHOOL_TYPES, type SchoolType } from '../../../../shared/domain';
import type { Student, StudentFields } from '../../../../shared/schemas';
import { Dialog, DialogClose } from '../../components/Dialog';
import { useDialogAction } from '../../components/useDialogAction';

interface Props {
  student: Student | null;
  onClose(): void;
  /** Saves and closes; a thrown error is shown in the form. */
  onSubmit(fields: StudentFields): Promise<void>;
}

const blank: StudentFields = { displayName: '', schoolType: 'vmbo-t', programme: '', cohort: '', mentor: '', leavingDate: null, studentNumber: null };

function fieldsOf(student: Student | null): StudentFields {
  if (!student) return blank;
  const { displayName, schoolType, programme, cohort, mentor, leavingDate, studentNumber } = student;
  return { displayName, schoolType, programme, cohort, mentor, leavingDate, studentNumber };
}

/** Add or edit a student in the app's dialog (focus on the name, Esc closes, focus returns). */
export function StudentForm({ student, onClose, onSubmit }: Props) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<StudentFields>(() => fieldsOf(student));
  // The form keeps what was typed when saving fails, so nothing is lost; the caller closes it.
  const action = useDialogAction();
  const set = <K extends keyof StudentFields>(key: K, value: StudentFields[K]) => setFields((old) => ({ ...old, [key]: value }));

  return (
    <Dialog
      title={student ? t('students.edit') : t('students.add')}
      onClose={onClose}
      onSubmit={() => void action.run(() => onSubmit(fields))}
      bodyClassName="form-grid"
      error={action.error}
      actions={(
        <>
          <DialogClose>{t('common.cancel')}</DialogClose>
          <button type="submit" className="button button-primary" disabled={action.busy || fields.displayName.trim() === ''}>{t('common.save')}</button>
        </>
      )}
    >
      <div className="field span-2">
        <label htmlFor="student-name">{t('students.fields.displayName')} <span className="required">({t('common.required')})</span></label>
        <input id="student-name" value={fields.displayName} onChange={(event) => set('displayName', event.target.value)} required maxLength={200} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor="student-school-type">{t('students.fields.schoolType')}</label>
        <select id="student-school-type" value={fields.schoolType} onChange={(event) => set('schoolType', event.target.value as SchoolType)}>
          {SCHOOL_TYPES.map((type) => <option key={type} value={type}>{t(`students.schoolTypes.${type}`)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="student-programme">{t('students.fields.programme')}</label>
        <input id="student-programme" value={fields.programme} onChange={(event) => set('programme', event.target.value)} maxLength={200} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor="student-cohort">{t('students.fields.cohort')}</label>
        <input id="student-cohort" value={fields.cohort} onChange={(event) => set('cohort', event.target.value)} maxLength={50} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor="student-number">{t('students.fields.studentNumber')} <span className="optional">({t('common.optional')})</span></label>
        <input id="student-number" value={fields.studentNumber ?? ''} onChange={(event) => set('studentNumber', event.target.value || null)} maxLength={32} autoComplete="off" inputMode="text" />
      </div>
      <div className="field">
        <label htmlFor="student-mentor">{t('students.fields.mentor')}</label>
        <input id="student-mentor" value={fields.mentor} onChange={(event) => set('mentor', event.target.value)} maxLength={200} autoComplete="off" />
      </div>
      <div className="field span-2">
        <label htmlFor="student-leaving">{t('students.fields.leavingDate')} <span className="optional">({t('common.optional')})</span></label>
        <input id="student-leaving" type="date" value={fields.leavingDate ?? ''} onChange={(event) => set('leavingDate', event.target.value || null)} aria-describedby="student-leaving-hint" />
        <p className="hint" id="student-leaving-hint">{t('students.fields.leavingDateHint')}</p>
      </div>
    </Dialog>
  );
}
