import { Dialog, DialogClose } from './Dialog';
import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../translationKeys';

const SHORTCUTS: [keys: string, label: TranslationKey][] = [
  ['F1 · Ctrl+/', 'help.keys.help'],
  ['Ctrl+K', 'firstRun.keys.switcher'],
  ['Ctrl+\\', 'firstRun.keys.sidebar'],
  ['F8', 'firstRun.keys.toasts'],
  ['Ctrl+Shift+L', 'help.keys.lock'],
  ['Ctrl+B', 'help.keys.bold'],
  ['Ctrl+I', 'help.keys.italic'],
  ['Ctrl+Z', 'help.keys.undo'],
  ['Ctrl+Y · Ctrl+Shift+Z', 'help.keys.redo'],
  ['Ctrl+Shift+T', 'help.keys.tag'],
  ['Ctrl+S', 'help.keys.save'],
  ['Alt+K', 'playback.keys.toggle'],
  ['Alt+J · Alt+L', 'playback.keys.seek'],
  ['Alt+, · Alt+.', 'playback.keys.speed'],
  ['Alt+Enter', 'playback.keys.turn'],
  ['Esc', 'help.keys.escape'],
];

/** The method's words, in plain language, so that a new mentor can look them up where they work. */
const TERMS = ['internal', 'external', 'boundary', 'dilemmas', 'competences'] as const;

/** Every shortcut in one place (F1), and the method's terms; on macOS Cmd stands in for Ctrl. Mounted only while open. */
export function HelpOverlay({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation();
  if (!open) return null;
  return (
    <Dialog
      title={t('help.title')}
      description={t('help.intro')}
      onClose={() => onOpenChange(false)}
      actions={<DialogClose className="button button-primary">{t('common.close')}</DialogClose>}
    >
      <table className="table shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, label]) => (
            <tr key={label}>
              <th scope="row"><kbd>{keys}</kbd></th>
              <td>{t(label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('firstRun.method.title')}</h3>
      <dl className="help-terms">
        {TERMS.map((term) => (
          <div key={term}>
            <dt>{t(`firstRun.method.${term}.term`)}</dt>
            <dd>{t(`firstRun.method.${term}.text`)}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
