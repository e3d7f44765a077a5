import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuickFindResult } from '../../../shared/quickFindSchemas';
import { getApi } from '../api';
import { Dialog, DialogClose } from '../components/Dialog';
import { formatDate } from '../components/formatDate';
import type { Route } from './navigation';

interface Option { key: string; label: string; detail: string; route: Route }

/**
 * Ctrl+K: type a few letters of a student's name or a dialogue's title and go there, without the
 * mouse. A combobox with a listbox (WAI-ARIA pattern): arrows move, Enter goes, Escape closes.
 */
export function QuickSwitcher({ onGo, onClose }: { onGo: (route: Route) => void; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<QuickFindResult>({ students: [], dialogues: [] });
  const [active, setActive] = useState(0);

  useEffect(() => {
    let current = true;
    getApi().quickFind.query({ query }).then((found) => {
      if (current) {
        setResult(found);
        setActive(0);
      }
    }, () => undefined);
    return () => {
      current = false;
    };
  }, [query]);

  const options: Option[] = [
    ...result.students.map((student) => ({
      key: `s-${student.id}`, label: student.name, detail: t('quickFind.student'), route: { screen: 'student', studentId: student.id } as Route,
    })),
    ...result.dialogues.map((dialogue) => ({
      key: `d-${dialogue.id}`, label: dialogue.title || t('today.untitled'),
      detail: `${dialogue.studentName} · ${formatDate(dialogue.heldOn, i18n.language)}`,
      route: { screen: 'dialogue', studentId: dialogue.studentId, dialogueId: dialogue.id } as Route,
    })),
  ];

  const go = (option: Option | undefined) => {
    if (!option) return;
    onClose();
    onGo(option.route);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((index) => Math.min(options.length - 1, index + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(0, index - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      go(options[active]);
    }
  };

  return (
    <Dialog title={t('quickFind.title')} onClose={onClose} actions={<DialogClose>{t('common.close')}</DialogClose>}>
      <div className="field">
        <label htmlFor={`${listId}-input`}>{t('quickFind.label')}</label>
        <input
          id={`${listId}-input`}
          role="combobox"
          aria-expanded={options.length > 0}
          aria-controls={listId}
          aria-activedescendant={options[active] ? `${listId}-${options[active].key}` : undefined}
          aria-autocomplete="list"
          autoComplete="off"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      {query.trim() && options.length === 0 && <p className="hint" role="status">{t('quickFind.none')}</p>}
      <ul id={listId} role="listbox" aria-label={t('quickFind.title')} className="quick-list">
        {options.map((option, index) => (
          <li
            key={option.key}
            id={`${listId}-${option.key}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'quick-option active' : 'quick-option'}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => go(option)}
          >
            <span>{option.label}</span> <span className="subtle">{option.detail}</span>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
