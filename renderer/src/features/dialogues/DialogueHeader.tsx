import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dialogue } from '../../../../shared/dialogueSchemas';
import { formatDate } from '../../components/formatDate';

interface Props {
  dialogue: Dialogue;
  title: string;
  /** The Word export button, where focus goes once the dialogue is final. */
  exportRef?: Ref<HTMLButtonElement>;
  onExport(): void;
  onImport(): void;
  onFinalise(): void;
}

/** What the dialogue is (date, kind, status, template, participants) and what can be done with it. */
export function DialogueHeader({ dialogue, title, exportRef, onExport, onImport, onFinalise }: Props) {
  const { t, i18n } = useTranslation();
  const readOnly = dialogue.status === 'final';
  return (
    <header className="screen-header">
      <div>
        <h1 id="dialogue-title">{title}</h1>
        <p className="subtle">
          {formatDate(dialogue.heldOn, i18n.language)} · <span className={`badge kind-${dialogue.kind}`}>{t(`dialogue.kinds.${dialogue.kind}`)}</span>{' '}
          <span className={`badge status-${dialogue.status}`}>{t(`dialogue.status.${dialogue.status}`)}</span>
        </p>
        <p className="subtle">{t('dialogue.screen.template', { name: dialogue.template.name, version: dialogue.template.version })}</p>
        <p className="participants-line">
          {dialogue.participants.map((participant) => `${participant.name} (${t(`dialogue.roles.${participant.role}`)})`).join(' · ')}
        </p>
      </div>
      <div className="header-actions">
        <button ref={exportRef} type="button" className="button button-secondary" onClick={onExport}>{t('exporting.dialogueButton')}</button>
        {!readOnly && <button type="button" className="button button-secondary" onClick={onImport}>{t('dialogue.screen.import')}</button>}
        {!readOnly && <button type="button" className="button button-primary" onClick={onFinalise}>{t('dialogue.screen.finalise')}</button>}
        {readOnly && dialogue.finalisedAt && <p className="notice">{t('dialogue.screen.finalisedOn', { date: formatDate(dialogue.finalisedAt.slice(0, 10), i18n.language) })}</p>}
      </div>
    </header>
  );
}
