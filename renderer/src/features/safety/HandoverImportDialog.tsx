import * as Dialog from '@radix-ui/react-dialog';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useToasts } from '../../components/Toasts';
import { useErrorText } from '../../components/useErrorText';
import { fileToBase64 } from '../import/fileToBase64';
import { PassphraseInput } from '../vault/PassphraseInput';

type Conflict = 'skip' | 'replace' | 'copy';

/** Reads another mentor's handover file; when the student is already here, the mentor decides. */
export function HandoverImportDialog({ onImported, onClose }: { onImported(): void; onClose(): void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const toasts = useToasts();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [existing, setExisting] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(onConflict: 'ask' | Conflict) {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const result = await getApi().handover.import({ dataBase64: await fileToBase64(file), transferPassphrase: passphrase, onConflict });
      if (result.status === 'exists') {
        setExisting(result.studentName);
        setBusy(false);
        return;
      }
      toasts.show(result.status === 'skipped' ? t('safety.handover.skipped') : t('safety.handover.imported', { name: result.studentName }));
      onImported();
    } catch (caught) {
      setError(errorText(caught));
      setBusy(false);
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run('ask');
  };

  return (
    <Dialog.Root open onOpenChange={(open) => { if (!open) onClose(); }}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" aria-describedby={undefined}>
          <Dialog.Title>{t('safety.handover.importTitle')}</Dialog.Title>
          <form onSubmit={submit} className="stack" noValidate>
            <div className="field">
              <label htmlFor={`${id}-file`}>{t('safety.handover.file')}</label>
              <input id={`${id}-file`} type="file" accept=".ldho" onChange={(event) => { setFile(event.target.files?.[0] ?? null); setExisting(null); }} />
            </div>
            <PassphraseInput label={t('safety.handover.passphrase')} value={passphrase} onChange={setPassphrase} autoComplete="current-password" />
            <ErrorMessage message={error} />
            {existing ? (
              <div className="stack" role="group" aria-label={t('safety.handover.exists', { name: existing })}>
                <p className="notice">{t('safety.handover.exists', { name: existing })}</p>
                <div className="row">
                  {(['copy', 'replace', 'skip'] as const).map((choice) => (
                    <button key={choice} type="button" className={`button ${choice === 'replace' ? 'button-danger' : 'button-secondary'}`} disabled={busy} onClick={() => void run(choice)}>
                      {t(`safety.handover.${choice}`)}
                    </button>
                  ))}
                </div>
              </div>
            ) : (
              <div className="dialog-actions">
                <Dialog.Close asChild><button type="button" className="button button-secondary">{t('common.cancel')}</button></Dialog.Close>
                <button type="submit" className="button button-primary" disabled={busy || !file || !passphrase}>{t('safety.handover.import')}</button>
              </div>
            )}
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
