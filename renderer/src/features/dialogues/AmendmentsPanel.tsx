import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Amendment } from '../../../../shared/dialogueSchemas';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate } from '../../components/formatDate';
import { useErrorText } from '../../components/useErrorText';

/** Dated additions to a final dialogue; the dialogue itself stays as it was finalised. */
export function AmendmentsPanel({ amendments, onAdd }: { amendments: Amendment[]; onAdd(text: string): Promise<void> }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await onAdd(text);
      setText('');
    } catch (caught) {
      setError(errorText(caught));
    }
  }

  return (
    <section className="panel amendments" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('dialogue.screen.amendments')}</h2>
      {amendments.length === 0 ? <p className="subtle">{t('dialogue.screen.noAmendments')}</p> : (
        <ol className="amendment-list">
          {amendments.map((amendment) => (
            <li key={amendment.id}>
              <p className="amendment-date">{t('dialogue.screen.amendedOn', { date: formatDate(amendment.createdAt.slice(0, 10), i18n.language) })}</p>
              <p className="amendment-text">{amendment.text}</p>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={submit} className="stack" noValidate>
        <div className="field">
          <label htmlFor={`${id}-text`}>{t('dialogue.screen.amendmentText')}</label>
          <textarea id={`${id}-text`} rows={3} maxLength={20000} value={text} onChange={(event) => setText(event.target.value)} />
        </div>
        <ErrorMessage message={error} />
        <div><button type="submit" className="button button-secondary" disabled={!text.trim()}>{t('dialogue.screen.addAmendment')}</button></div>
      </form>
    </section>
  );
}
