import { Dialog, DialogClose } from './Dialog';
import { useTranslation } from 'react-i18next';

const SHORTCUTS: [keys: string, label: string][] = [
  ['F1 · Ctrl+/', 'help.keys.help'],
  ['Ctrl+Shift+L', 'help.keys.lock'],
  ['Ctrl+B', 'help.keys.bold'],
  ['Ctrl+I', 'help.keys.italic'],
  ['Ctrl+Z', 'help.keys.undo'],
  ['Ctrl+Y · Ctrl+Shift+Z', 'help.keys.redo'],
  ['Ctrl+Shift+T', 'help.keys.tag'],
  ['Ctrl+S', 'help.keys.save'],
  ['Esc', 'help.keys.escape'],
];

/** Every shortcut in one place (F1); on macOS Cmd stands in for Ctrl. Mounted only while open. */
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
    </Dialog>
  );
}
