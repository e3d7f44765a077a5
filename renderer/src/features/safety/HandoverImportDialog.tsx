import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../../api';
import { Dialog, DialogClose } from '../../components/Dialog';
import { useToasts } from '../../components/Toasts';
import { useDialogAction } from '../../components/useDialogAction';
import { fileToBase64 } from '../import/fileToBase64';
import { PassphraseInput } from '../vault/PassphraseInput';

type Conflict = 'skip' | 'replace' | 'copy';

/** Reads another mentor's handover file; when the student is already here, the mentor decides. */
export function HandoverImportDialog({ onImported, onClose }: { onImported(): void; onClose(): void }) {
  const { t } = useTranslation();
  const toasts = useToasts();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [existing, setExisting] = useState<string | null>(null);
  const { busy, error, run } = useDialogAction();

  /** 'ask' first; when the student is already here, the mentor's choice runs it again. */
  function importWith(onConflict: 'ask' | Conflict) {
    if (!file) return;
    void run(async () => {
      const result = await getApi().handover.import({ dataBase64: await fileToBase64(file), transferPassphrase: passphrase, onConflict });
      if (result.status === 'exists') {
        setExisting(result.studentName);
        return;
      }
      toasts.show(result.status === 'skipped' ? t('safety.handover.skipped') : t('safety.handover.imported', { name: result.studentName }));
      onImported();
    });
  }

  return (
    <Dialog
      title={t('safety.handover.importTitle')}
      onClose={onClose}
      onSubmit={() => importWith('ask')}
      error={error}
      actions={existing ? (
        <>
          <DialogClose>{t('common.cancel')}</DialogClose>
          {(['copy', 'replace', 'skip'] as const).map((choice) => (
            <button key={choice} type="button" className={`button ${choice === 'replace' ? 'button-danger' : 'button-secondary'}`} disabled={busy} onClick={() => importWith(choice)}>
              {t(`safety.handover.${choice}`)}
            </button>
          ))}
        </>
      ) : (
        <>
          <DialogClose>{t('common.cancel')}</DialogClose>
          <button type="submit" className="button button-primary" disabled={busy || !file || !passphrase}>{t('safety.handover.import')}</button>
        </>
      )}
    >
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('safety.handover.file')}</label>
        <input id={`${id}-file`} type="file" accept=".ldho" onChange={(event) => { setFile(event.target.files?.[0] ?? null); setExisting(null); }} />
      </div>
      <PassphraseInput label={t('safety.handover.passphrase')} value={passphrase} onChange={setPassphrase} autoComplete="current-password" />
      {existing && <p className="notice" role="status">{t('safety.handover.exists', { name: existing })}</p>}
    </Dialog>
  );
}
