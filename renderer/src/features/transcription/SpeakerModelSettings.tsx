import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SPEAKER_MODEL_KINDS, type SpeakerModelEntry } from '../../../../shared/transcriptionSchemas';
import { getApi } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useDialogAction } from '../../components/useDialogAction';
import { useLoad } from '../../components/useLoad';
import { useToasts } from '../../components/Toasts';

const mb = (bytes: number): number => Math.max(1, Math.round(bytes / 1024 ** 2));

/**
 * Settings, Transcriptie, "Sprekers automatisch verdelen" (issue 17, ADR 0024): whether the two
 * sherpa-onnx models are there, what each file is, importing one (an open dialog in the app; the
 * file says which of the two it is), confirming it after the warning, removing it.
 */
export function SpeakerModelSettings() {
  const { t } = useTranslation();
  const id = useId();
  const toasts = useToasts();
  const loaded = useLoad(() => getApi().models.speakers({}), []);
  // The settings' one way to run an action (busy, translated error, lock screen when locked), then the list again.
  const { busy, error, run } = useDialogAction();
  const act = (action: () => Promise<unknown>) => run(async () => {
    await action();
    await loaded.reload();
  });

  const importModel = () => act(async () => {
    const entry = await getApi().models.importSpeaker({});
    if (entry) toasts.show(t('transcription.settings.speakers.imported'));
  });

  const facts = (entry: SpeakerModelEntry): string => entry.kind === 'segmentation'
    ? t('transcription.settings.speakers.segmentationFacts', { value: entry.numSpeakers ?? '?', megabytes: mb(entry.sizeBytes) })
    : t('transcription.settings.speakers.embeddingFacts', { name: entry.framework ?? '?', value: entry.outputDim ?? '?', megabytes: mb(entry.sizeBytes) });

  const status = loaded.data;
  return (
    <section className="speaker-model-settings stack" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('transcription.settings.speakers.title')}</h3>
      <p className="hint">{t('transcription.settings.speakers.intro')}</p>
      <ErrorMessage message={loaded.error ?? error} />
      {status && (
        <>
          <p role="status" data-testid="speaker-models-status">
            {t(status.ready ? 'transcription.settings.speakers.ready' : 'transcription.settings.speakers.notReady')}
          </p>
          <table className="model-table">
            <caption className="visually-hidden">{t('transcription.settings.speakers.table')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('transcription.settings.speakers.kind')}</th>
                <th scope="col">{t('transcription.settings.speakers.file')}</th>
                <th scope="col">{t('transcription.settings.speakers.status')}</th>
              </tr>
            </thead>
            <tbody>
              {SPEAKER_MODEL_KINDS.map((kind) => {
                const entry = status[kind];
                const label = t(`transcription.settings.speakers.${kind}`);
                return (
                  <tr key={kind}>
                    <th scope="row">{label}</th>
                    <td>
                      {entry ? (
                        <>
                          {entry.originalName}
                          <span className="subtle model-file">{facts(entry)}</span>
                          <span className="subtle model-file">{t('transcription.settings.speakers.sha', { value: entry.sha256.slice(0, 16) })}</span>
                          {!entry.confirmed && <span className="warning-text" role="note">{t('transcription.settings.speakers.unknownWarning')}</span>}
                        </>
                      ) : <span className="subtle">{t('transcription.settings.speakers.missing')}</span>}
                    </td>
                    <td className="model-actions">
                      {entry?.confirmed && <strong>{t('transcription.settings.speakers.confirmed')}</strong>}
                      {entry && !entry.confirmed && (
                        <button type="button" className="button button-secondary" disabled={busy}
                          onClick={() => void act(() => getApi().models.confirmSpeaker({ kind }))}>{t('transcription.settings.speakers.confirm')}</button>
                      )}
                      {entry && (
                        <button type="button" className="button button-ghost danger-text" disabled={busy}
                          aria-label={`${t('transcription.settings.speakers.remove')}: ${label}`}
                          onClick={() => void act(() => getApi().models.removeSpeaker({ kind }))}>{t('transcription.settings.speakers.remove')}</button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
      <p className="hint">{t('transcription.settings.speakers.accuracyNotMeasured')}</p>
      <div>
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => void importModel()}>
          {busy ? t('transcription.settings.speakers.importing') : t('transcription.settings.speakers.import')}
        </button>
      </div>
    </section>
  );
}
