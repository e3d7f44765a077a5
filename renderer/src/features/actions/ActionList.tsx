import { useTranslation } from 'react-i18next';
import type { Action } from '../../../../shared/dialogueSchemas';
import { formatDate } from '../../components/formatDate';
import { todayIso } from '../../components/today';

interface Props {
  actions: Action[];
  onToggle(action: Action, done: boolean): void;
  onRemove?(action: Action): void;
  readOnly?: boolean;
}

/** Agreements with owner and due date; overdue ones say so in words, not only in colour. */
export function ActionList({ actions, onToggle, onRemove, readOnly }: Props) {
  const { t, i18n } = useTranslation();
  const today = todayIso();
  return (
    <ul className="action-list">
      {actions.map((action) => {
        const overdue = !action.doneAt && action.dueDate !== null && action.dueDate < today;
        return (
          <li key={action.id} className={`action-item${action.doneAt ? ' done' : ''}${overdue ? ' overdue' : ''}`}>
            <label className="checkbox">
              <input type="checkbox" checked={Boolean(action.doneAt)} disabled={readOnly} onChange={(event) => onToggle(action, event.target.checked)} />
              <span className="action-text">{action.text}</span>
            </label>
            <span className="action-meta">
              <span className="badge">{t(`dialogue.actions.owners.${action.owner}`)}</span>
              {action.dueDate && <span>{t('dialogue.actions.due', { date: formatDate(action.dueDate, i18n.language) })}</span>}
              {overdue && <span className="badge badge-warning">{t('dialogue.actions.overdue')}</span>}
            </span>
            {onRemove && !readOnly && (
              <button type="button" className="icon-button" aria-label={`${t('dialogue.actions.remove')}: ${action.text}`} onClick={() => onRemove(action)}>×</button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
