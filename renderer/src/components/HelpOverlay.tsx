import * as Dialog from '@radix-ui/react-dialog';
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

/** Every shortcut in one place (F1); on macOS Cmd stands in for Ctrl. */
export function HelpOverlay({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation();
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" aria-describedby="help-intro">
          <Dialog.Title>{t('help.title')}</Dialog.Title>
          <p id="help-intro" className="hint">{t('help.intro')}</p>
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
          <div className="dialog-actions">
            <Dialog.Close asChild>
              <button type="button" className="button button-primary">{t('common.close')}</button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
