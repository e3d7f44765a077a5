import * as Dialog from '@radix-ui/react-dialog';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SCHOOL_TYPES, type SchoolType } from '../../../../shared/domain';
import type { Student, StudentFields } from '../../../../shared/schemas';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useErrorText } from '../../components/useErrorText';

interface Props {
  open: boolean;
  student: Student | null;
  onOpenChange(open: boolean): void;
  onSubmit(fields: StudentFields): Promise<void>;
}

const blank: StudentFields = { displayName: '', schoolType: 'vmbo-t', programme: '', cohort: '', mentor: '', leavingDate: null };

function fieldsOf(student: Student | null): StudentFields {
  if (!student) return blank;
  const { displayName, schoolType, programme, cohort, mentor, leavingDate } = student;
  return { displayName, schoolType, programme, cohort, mentor, leavingDate };
}

/** Add or edit a student in an accessible modal (focus trapped, Esc closes, focus returns). */
export function StudentForm({ open, student, onOpenChange, onSubmit }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [fields, setFields] = useState<StudentFields>(() => fieldsOf(student));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof StudentFields>(key: K, value: StudentFields[K]) => setFields((old) => ({ ...old, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(fields);
    } catch (caught) {
      // The form keeps what was typed, so nothing is lost when saving fails.
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" aria-describedby={undefined}>
          <Dialog.Title>{student ? t('students.edit') : t('students.add')}</Dialog.Title>
          <form onSubmit={submit} className="form-grid" noValidate>
            <div className="field span-2">
              <label htmlFor="student-name">{t('students.fields.displayName')} <span className="required">({t('common.required')})</span></label>
              <input id="student-name" value={fields.displayName} onChange={(event) => set('displayName', event.target.value)} required maxLength={200} autoFocus autoComplete="off" />
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
              <label htmlFor="student-mentor">{t('students.fields.mentor')}</label>
              <input id="student-mentor" value={fields.mentor} onChange={(event) => set('mentor', event.target.value)} maxLength={200} autoComplete="off" />
            </div>
            <div className="field span-2">
              <label htmlFor="student-leaving">{t('students.fields.leavingDate')} <span className="optional">({t('common.optional')})</span></label>
              <input id="student-leaving" type="date" value={fields.leavingDate ?? ''} onChange={(event) => set('leavingDate', event.target.value || null)} aria-describedby="student-leaving-hint" />
              <p className="hint" id="student-leaving-hint">{t('students.fields.leavingDateHint')}</p>
            </div>
            <div className="span-2"><ErrorMessage message={error} /></div>
            <div className="dialog-actions span-2">
              <Dialog.Close asChild>
                <button type="button" className="button button-secondary">{t('common.cancel')}</button>
              </Dialog.Close>
              <button type="submit" className="button button-primary" disabled={busy || fields.displayName.trim() === ''}>{t('common.save')}</button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
