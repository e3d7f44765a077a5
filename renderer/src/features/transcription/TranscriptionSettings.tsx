import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelEntry } from '../../../../shared/transcriptionSchemas';
import { getApi } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useDialogAction } from '../../components/useDialogAction';
import { useLoad } from '../../components/useLoad';
import { useToasts } from '../../components/Toasts';
import { SpeakerModelSettings } from './SpeakerModelSettings';
import './transcription.css';

const mb = (bytes: number): number => Math.round(bytes / 1024 ** 2);

/**
 * Settings, "Transcriptie" (issue 17): the imported speech models with their size and what
 * they are good for, importing one (an open dialog in the app), confirming an unknown file,
 * choosing the one in use and removing one.
 */
export function TranscriptionSettings() {
  const { t } = useTranslation();
  const id = useId();
  const toasts = useToasts();
  const loaded = useLoad(() => getApi().models.list({}), []);
  // The settings' one way to run an action (busy, translated error, lock screen when locked), then the list again.
  const { busy, error, run } = useDialogAction();
  const act = (action: () => Promise<unknown>) => run(async () => {
    await action();
    await loaded.reload();
  });

  const importModel = () => act(async () => {
    const entry = await getApi().models.import({});
    if (!entry) return;
    toasts.show(entry.known ? t('transcription.settings.imported', { name: entry.known }) : t('transcription.settings.importedUnknown'));
  });

  const models = loaded.data?.models ?? [];
  const noteOf = (model: ModelEntry): string => t(`transcription.settings.notes.${model.known ?? 'unknown'}`);

  return (
    <section className="panel transcription-settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('transcription.settings.title')}</h2>
      <p className="hint">{t('transcription.settings.intro')}</p>
      <ErrorMessage message={loaded.error ?? error} />
      {models.length === 0 ? <p className="subtle">{t('transcription.settings.none')}</p> : (
        <table className="model-table">
          <caption className="visually-hidden">{t('transcription.settings.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('transcription.settings.name')}</th>
              <th scope="col">{t('transcription.settings.size')}</th>
              <th scope="col">{t('transcription.settings.note')}</th>
              <th scope="col">{t('transcription.settings.status')}</th>
            </tr>
          </thead>
          <tbody>
            {models.map((model) => (
              <tr key={model.id} className={model.active ? 'is-active' : undefined}>
                <th scope="row">
                  {model.known ?? t('transcription.settings.unknown')}
                  <span className="subtle model-file">{model.originalName}</span>
                </th>
                <td>{mb(model.sizeBytes)} MB</td>
                <td>
                  {noteOf(model)}
                  <span className="subtle model-file">{t('transcription.settings.memory', { needed: mb(model.memoryBytes), free: mb(loaded.data?.freeMemoryBytes ?? 0) })}</span>
                  {!model.confirmed && <span className="warning-text" role="note">{t('transcription.settings.unknownWarning')}</span>}
                </td>
                <td className="model-actions">
                  {model.active && <strong>{t('transcription.settings.active')}</strong>}
                  {!model.confirmed && (
                    <button type="button" className="button button-secondary" disabled={busy}
                      onClick={() => void act(() => getApi().models.confirm({ id: model.id }))}>{t('transcription.settings.confirm')}</button>
                  )}
                  {model.confirmed && !model.active && (
                    <button type="button" className="button button-secondary" disabled={busy}
                      onClick={() => void act(() => getApi().models.setActive({ id: model.id }))}>{t('transcription.settings.use')}</button>
                  )}
                  <button type="button" className="button button-ghost danger-text" disabled={busy}
                    aria-label={`${t('transcription.settings.remove')}: ${model.known ?? model.originalName}`}
                    onClick={() => void act(() => getApi().models.remove({ id: model.id }))}>{t('transcription.settings.remove')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">{t('transcription.settings.accuracyNotMeasured')}</p>
      <div>
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void importModel()}>
          {busy ? t('transcription.settings.importing') : t('transcription.settings.import')}
        </button>
      </div>
      <SpeakerModelSettings />
    </section>
  );
}
