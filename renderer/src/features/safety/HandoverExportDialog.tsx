import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/domain';
import { getApi } from '../../api';
import { Dialog, DialogClose } from '../../components/Dialog';
import { useDialogAction } from '../../components/useDialogAction';
import { useExportToast } from '../export/useExportToast';
import { PassphraseInput } from '../vault/PassphraseInput';
import { StrengthMeter } from '../vault/StrengthMeter';
import { usePassphraseStrength } from '../vault/usePassphraseStrength';

export function HandoverExportDialog({ studentId, onClose }: { studentId: string; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const showExport = useExportToast({ open: false });
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, run } = useDialogAction({ onDone: onClose });
  const strength = usePassphraseStrength(passphrase, i18n.language as Language);

  function submit() {
    void run(async () => {
      showExport(await getApi().handover.export({ studentId, transferPassphrase: passphrase }));
    });
  }

  return (
    <Dialog
      title={t('safety.handover.exportTitle')}
      description={t('safety.handover.exportIntro')}
      onClose={onClose}
      onSubmit={submit}
      error={error}
      actions={(
        <>
          <DialogClose>{t('common.cancel')}</DialogClose>
          <button type="submit" className="button button-primary" disabled={busy || !strength?.acceptable}>{t('safety.handover.save')}</button>
        </>
      )}
    >
      <PassphraseInput label={t('safety.handover.passphrase')} value={passphrase} onChange={setPassphrase} autoComplete="new-password" describedBy={`${id}-strength`} />
      <StrengthMeter strength={strength} id={`${id}-strength`} />
    </Dialog>
  );
}
