import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_HANDOVER_FILE_BYTES, type HandoverAction, type HandoverInspection, type HandoverStudentSummary } from '../../../../shared/handoverSchemas';
import { getApi } from '../../api';
import { Dialog, DialogClose } from '../../components/Dialog';
import { formatDate } from '../../components/formatDate';
import { useToasts } from '../../components/Toasts';
import { useDialogAction } from '../../components/useDialogAction';
import { fileToBase64 } from '../import/fileToBase64';
import { PassphraseInput } from '../vault/PassphraseInput';

/**
 * Reads another mentor's handover file in two steps (issue 14). First the file is opened and
 * checked, and shown beside the student it would meet in this vault; then the mentor chooses,
 * and the backend acts on exactly what was shown. Replacing needs the local student's name typed.
 */
export function HandoverImportDialog({ onImported, onClose }: { onImported(): void; onClose(): void }) {
  const { t } = useTranslation();
  const toasts = useToasts();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [inspection, setInspection] = useState<HandoverInspection | null>(null);
  const [action, setAction] = useState<HandoverAction | null>(null);
  const [typed, setTyped] = useState('');
  const { busy, error, setError, run } = useDialogAction();

  const inspect = () => {
    if (!file) return;
    // The size before reading: a huge file is not read into the window at all.
    if (file.size > MAX_HANDOVER_FILE_BYTES) {
      setError(t('errors.HANDOVER_TOO_LARGE'));
      return;
    }
    void run(async () => {
      const found = await getApi().handover.inspect({ dataBase64: await fileToBase64(file), transferPassphrase: passphrase });
      setInspection(found);
      setAction(found.actions.includes('import') ? 'import' : null);
      setTyped('');
    });
  };

  const act = () => {
    if (!inspection || !action) return;
    void run(async () => {
      const result = await getApi().handover.import({ token: inspection.token, action, ...(action === 'replace' ? { confirmName: typed } : {}) });
      const name = result.studentName;
      // Said in the same toast: the student came in, only the number stayed with the other student here.
      const also = (message: string) => (result.studentNumberLeftOut ? `${message} ${t('keySafety.handover.numberLeftOut')}` : message);
      if (result.status === 'skipped') toasts.show(t('safety.handover.skipped'));
      else if (result.status === 'replaced' && result.setAside) {
        const setAside = result.setAside;
        toasts.show(also(t('keySafety.handover.replaced', { name })), () => {
          void getApi().backups.undoRestore({ setAside }).then(() => {
            toasts.show(t('restore.setAside.undone'));
            onImported();
          }, () => undefined);
        });
      } else toasts.show(also(result.status === 'copied' ? t('keySafety.handover.copied', { name }) : t('safety.handover.imported', { name })));
      onImported();
    });
  };

  const local = inspection?.local ?? null;
  const replaceReady = action !== 'replace' || (local !== null && typed.trim() === local.name.trim());
  return (
    <Dialog
      title={t('safety.handover.importTitle')}
      size={inspection ? 'wide' : undefined}
      onClose={onClose}
      onSubmit={inspection ? act : inspect}
      error={error}
      actions={(
        <>
          <DialogClose>{t('common.cancel')}</DialogClose>
          {inspection
            ? <button type="submit" className={`button ${action === 'replace' ? 'button-danger' : 'button-primary'}`} disabled={busy || !action || !replaceReady}>{action === 'import' ? t('keySafety.handover.importNew') : t('keySafety.handover.confirm')}</button>
            : <button type="submit" className="button button-primary" disabled={busy || !file || !passphrase}>{busy ? t('keySafety.handover.opening') : t('keySafety.handover.open')}</button>}
        </>
      )}
    >
      {!inspection && (
        <>
          <div className="field">
            <label htmlFor={`${id}-file`}>{t('safety.handover.file')}</label>
            <input id={`${id}-file`} type="file" accept=".ldho" onChange={(event) => { setFile(event.target.files?.[0] ?? null); setError(null); }} />
          </div>
          <PassphraseInput label={t('safety.handover.passphrase')} value={passphrase} onChange={setPassphrase} autoComplete="current-password" />
        </>
      )}
      {inspection && (
        <>
          <p className="notice" role="status">
            {t(MATCH_NOTICE[inspection.match ?? 'none'])}
            {local && local.name !== inspection.file.name && <> {t('keySafety.handover.nameDiffers')}</>}
          </p>
          <Comparison file={inspection.file} local={local} />
          <fieldset className="choice-group">
            <legend>{t('keySafety.handover.choose')}</legend>
            {inspection.actions.map((choice) => (
              <label key={choice} className="checkbox">
                <input type="radio" name={`${id}-action`} value={choice} checked={action === choice} onChange={() => { setAction(choice); setTyped(''); }} />
                <span>{choice === 'import' ? t('keySafety.handover.importNew')
                  : choice === 'skip' ? t('keySafety.handover.skip')
                    : t(`keySafety.handover.${choice}`, { name: local?.name ?? '' })}</span>
              </label>
            ))}
          </fieldset>
          {action === 'replace' && local && (
            <>
              <p className="notice">{t('keySafety.handover.replaceWarning', { name: local.name })}</p>
              <div className="field">
                <label htmlFor={`${id}-confirm`}>{t('keySafety.handover.confirmLabel', { name: local.name })}</label>
                <input id={`${id}-confirm`} type="text" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} />
              </div>
            </>
          )}
        </>
      )}
    </Dialog>
  );
}

const MATCH_NOTICE = {
  id: 'keySafety.handover.matchId',
  number: 'keySafety.handover.matchNumber',
  name: 'keySafety.handover.matchName',
  none: 'keySafety.handover.noMatch',
} as const satisfies Record<NonNullable<HandoverInspection['match']> | 'none', string>;

function Comparison({ file, local }: { file: HandoverStudentSummary; local: HandoverStudentSummary | null }) {
  const { t, i18n } = useTranslation();
  const rows: [string, (s: HandoverStudentSummary) => string][] = [
    [t('keySafety.handover.name'), (s) => (s.archived ? `${s.name} (${t('keySafety.handover.archived')})` : s.name)],
    [t('keySafety.handover.group'), (s) => s.group || t('keySafety.handover.none')],
    [t('keySafety.handover.studentNumber'), (s) => s.studentNumber ?? t('keySafety.handover.none')],
    [t('keySafety.handover.dialogues'), (s) => String(s.dialogues)],
    [t('keySafety.handover.lastDialogue'), (s) => (s.lastDialogueOn ? formatDate(s.lastDialogueOn, i18n.language) : t('keySafety.handover.none'))],
  ];
  return (
    <table className="table compact">
      <thead>
        <tr>
          <td aria-hidden="true" />
          <th scope="col">{t('keySafety.handover.inFile')}</th>
          {local && <th scope="col">{t('keySafety.handover.inVault')}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value(file)}</td>
            {local && <td>{value(local)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
