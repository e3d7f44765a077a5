import * as Dialog from '@radix-ui/react-dialog';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/domain';
import { getApi } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useToasts } from '../../components/Toasts';
import { useDialogAction } from '../../components/useDialogAction';
import { exportMessage } from '../export/ExportResultToast';
import { PassphraseInput } from '../vault/PassphraseInput';
import { StrengthMeter } from '../vault/StrengthMeter';
import { usePassphraseStrength } from '../vault/usePassphraseStrength';

export function HandoverExportDialog({ studentId, onClose }: { studentId: string; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const toasts = useToasts();
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, run } = useDialogAction();
  const strength = usePassphraseStrength(passphrase, i18n.language as Language);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      toasts.show(exportMessage(t, await getApi().handover.export({ studentId, transferPassphrase: passphrase })));
      onClose();
    });
  }

  return (
    <Dialog.Root open onOpenChange={(open) => { if (!open) onClose(); }}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" aria-describedby={`${id}-intro`}>
          <Dialog.Title>{t('safety.handover.exportTitle')}</Dialog.Title>
          <p id={`${id}-intro`} className="hint">{t('safety.handover.exportIntro')}</p>
          <form onSubmit={submit} className="stack" noValidate>
            <PassphraseInput label={t('safety.handover.passphrase')} value={passphrase} onChange={setPassphrase} autoComplete="new-password" describedBy={`${id}-strength`} />
            <StrengthMeter strength={strength} id={`${id}-strength`} />
            <ErrorMessage message={error} />
            <div className="dialog-actions">
              <Dialog.Close asChild><button type="button" className="button button-secondary">{t('common.cancel')}</button></Dialog.Close>
              <button type="submit" className="button button-primary" disabled={busy || !strength?.acceptable}>{t('safety.handover.save')}</button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
