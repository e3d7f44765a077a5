import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackPreview } from '../../../../shared/packSchemas';
import { getApi } from '../../api';
import { useSession } from '../../app/session';
import { Dialog, DialogClose } from '../../components/Dialog';
import { useToasts } from '../../components/Toasts';
import { useDialogAction } from '../../components/useDialogAction';
import { useErrorText } from '../../components/useErrorText';
import './exchange.css';
import { useExportToast } from '../export/useExportToast';

/** Templates and codebook as one .lbdpack: out through the save dialog, in through the open dialog with a preview. */
export function PackButtons({ onImported, onError }: { onImported?(): void; onError(message: string | null): void }) {
  const { t } = useTranslation();
  const session = useSession();
  const errorText = useErrorText();
  // A pack opens only in this app (its import): the toast offers just "Toon in map".
  const showExport = useExportToast({ open: false });
  const [opening, setOpening] = useState(false);
  const [picked, setPicked] = useState<{ token: string; preview: PackPreview } | null>(null);

  const fail = (caught: unknown) => {
    if (!session.handleLocked(caught)) onError(errorText(caught));
  };

  async function exportPack() {
    onError(null);
    try {
      showExport(await getApi().exchange.exportPack());
    } catch (caught) {
      fail(caught);
    }
  }

  async function pick() {
    onError(null);
    setOpening(true);
    try {
      const result = await getApi().exchange.pickPack();
      if (result.token && result.preview) setPicked({ token: result.token, preview: result.preview });
    } catch (caught) {
      fail(caught);
    } finally {
      setOpening(false);
    }
  }

  return (
    <>
      <button type="button" className="button button-secondary" title={t('exchange.pack.exportHint')} onClick={() => void exportPack()}>{t('exchange.pack.exportButton')}</button>
      <button type="button" className="button button-secondary" disabled={opening} onClick={() => void pick()}>
        {opening ? t('exchange.pack.opening') : t('exchange.pack.importButton')}
      </button>
      {picked && <PackImportDialog token={picked.token} preview={picked.preview} onClose={() => setPicked(null)} onImported={() => { setPicked(null); onImported?.(); }} />}
    </>
  );
}

function PackImportDialog({ token, preview, onClose, onImported }: { token: string; preview: PackPreview; onClose(): void; onImported(): void }) {
  const { t } = useTranslation();
  const toasts = useToasts();
  const { busy, error, run } = useDialogAction();
  const submit = () => {
    void run(async () => {
      const result = await getApi().exchange.importPack({ token });
      toasts.show(t('exchange.pack.done', { templates: result.templatesAdded, codes: result.codesNew }));
      onImported();
    });
  };
  return (
    <Dialog
      title={t('exchange.pack.title')}
      description={preview.origin ? t('exchange.pack.from', { origin: preview.origin }) : undefined}
      onClose={onClose}
      onSubmit={submit}
      error={error}
      actions={(
        <>
          <DialogClose>{t('common.cancel')}</DialogClose>
          <button type="submit" className="button button-primary" disabled={busy}>{t('exchange.pack.confirm')}</button>
        </>
      )}
    >
      {preview.templatesNew.length === 0 ? <p>{t('exchange.pack.noNewTemplates')}</p> : (
        <>
          <p>{t('exchange.pack.templatesNew', { count: preview.templatesNew.length })}</p>
          <ul className="refi-cases">{preview.templatesNew.map((name, index) => <li key={index}>{name}</li>)}</ul>
        </>
      )}
      {preview.templatesSame > 0 && <p className="hint">{t('exchange.pack.templatesSame', { count: preview.templatesSame })}</p>}
      <ul className="refi-counts">
        <li>{t('exchange.pack.codesNew', { count: preview.codesNew })}</li>
        <li>{t('exchange.pack.codesMerged', { count: preview.codesMerged })}</li>
      </ul>
    </Dialog>
  );
}
