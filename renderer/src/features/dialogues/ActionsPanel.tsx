import { useTranslation } from 'react-i18next';
import type { Action } from '../../../../shared/dialogueSchemas';
import { getApi } from '../../api';
import { ActionForm, type ActionDraft } from '../actions/ActionForm';
import { ActionList } from '../actions/ActionList';

/** An agreement's text handed over from a tagged passage ("make it an agreement"). */
export interface ActionPrefill { text: string; annotationId: string }

interface Props {
  studentId: string;
  dialogueId: string;
  actions: Action[];
  onChange(update: (all: Action[]) => Action[]): void;
  prefill: ActionPrefill | null;
  onPrefillUsed(): void;
  /** A failed toggle or removal, shown by the screen (a failed add stays in the form). */
  onError(caught: unknown): void;
}

/** The dialogue's agreements: the list, ticking off, removing, and the form to add one. */
export function ActionsPanel({ studentId, dialogueId, actions, onChange, prefill, onPrefillUsed, onError }: Props) {
  const { t } = useTranslation();

  async function add(draft: ActionDraft) {
    const created = await getApi().actions.create({ studentId, dialogueId, annotationId: prefill?.annotationId ?? null, ...draft });
    onChange((all) => [...all, created]);
    if (prefill) onPrefillUsed();
  }

  async function toggle(action: Action, done: boolean) {
    try {
      const updated = await getApi().actions.setDone({ id: action.id, done });
      onChange((all) => all.map((other) => (other.id === updated.id ? updated : other)));
    } catch (caught) {
      onError(caught);
    }
  }

  async function remove(action: Action) {
    try {
      await getApi().actions.delete({ id: action.id });
      onChange((all) => all.filter((other) => other.id !== action.id));
    } catch (caught) {
      onError(caught);
    }
  }

  return (
    <section className="panel side-panel" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('dialogue.actions.panel')}</h2>
      {actions.length === 0 ? <p className="subtle">{t('dialogue.actions.empty')}</p>
        : <ActionList actions={actions} onToggle={(action, done) => void toggle(action, done)} onRemove={(action) => void remove(action)} />}
      {/* A new form each time a passage is handed over (and after it is used), so its text replaces what the form held. */}
      <ActionForm key={prefill?.annotationId ?? 'new'} initialText={prefill?.text ?? ''} onAdd={add} />
    </section>
  );
}
