import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useErrorText } from '../../components/useErrorText';

export interface ActionDraft { text: string; owner: 'student' | 'mentor'; dueDate: string | null }

/**
 * Adds an agreement; keeps what was typed when saving fails. Once added, the text field takes
 * the focus for the next one: the button, emptied of its text, is disabled and would drop the
 * focus to the page (keyboard walk, tests/e2e/keyboardPath.e2e.ts).
 */
export function ActionForm({ initialText = '', onAdd }: { initialText?: string; onAdd(draft: ActionDraft): Promise<void> }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [text, setText] = useState(initialText);
  const [owner, setOwner] = useState<'student' | 'mentor'>('student');
  const [dueDate, setDueDate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const textField = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await onAdd({ text, owner, dueDate: dueDate || null });
      setText('');
      setDueDate('');
      textField.current?.focus();
    } catch (caught) {
      setError(errorText(caught));
    }
  }

  return (
    <form className="action-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('dialogue.actions.text')}</label>
        <input ref={textField} id={`${id}-text`} value={text} maxLength={1000} onChange={(event) => setText(event.target.value)} />
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-owner`}>{t('dialogue.actions.owner')}</label>
          <select id={`${id}-owner`} value={owner} onChange={(event) => setOwner(event.target.value as 'student' | 'mentor')}>
            <option value="student">{t('dialogue.actions.owners.student')}</option>
            <option value="mentor">{t('dialogue.actions.owners.mentor')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-due`}>{t('dialogue.actions.dueDate')}</label>
          <input id={`${id}-due`} type="date" value={dueDate} onChange={(event) => setDueDate(event.target.value)} />
        </div>
      </div>
      <ErrorMessage message={error} />
      <button type="submit" className="button button-secondary" disabled={!text.trim()}>{t('dialogue.actions.add')}</button>
    </form>
  );
}
