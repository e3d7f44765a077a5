import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Recording } from '../../../../shared/recordingSchemas';
import { getApi } from '../../api';
import { useNavigation } from '../../app/navigation';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useErrorText } from '../../components/useErrorText';
import { useLoad } from '../../components/useLoad';
import { useToasts } from '../../components/Toasts';
import { CONSENT_PANEL_ID } from './ConsentPanel';
import { formatDuration } from './duration';
import { RecordingList } from './RecordingList';
import './recording.css';
import { type RecorderProblem, useRecorder } from './useRecorder';

interface Props {
  studentId: string;
  dialogueId: string;
  /** A final dialogue is not recorded any more; its recordings are still listed. */
  readOnly: boolean;
  /** After a recording was kept or deleted (playback reloads). */
  onChange?(): void;
}

/**
 * Recording in the dialogue screen (issue 17): "Opnemen" only when the student's consent is
 * registered (otherwise a hint that leads to it), a red indicator with the recorded time while
 * it runs, pause/resume and stop, and the dialogue's recordings below.
 */
export function RecorderPanel({ studentId, dialogueId, readOnly, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const toasts = useToasts();
  const errorText = useErrorText();
  const { go } = useNavigation();
  const loaded = useLoad(async () => {
    const [consent, recordings] = await Promise.all([getApi().consent.get({ studentId }), getApi().recordings.list({ dialogueId })]);
    return { consent, recordings };
  }, [studentId, dialogueId]);
  const recorder = useRecorder(dialogueId, (kept: Recording | null) => {
    if (kept && kept.byteCount > 0) toasts.show(t('recording.recorder.saved', { value: formatDuration(kept.durationMs) }));
    void loaded.reload();
    onChange?.();
  });
  const { phase, elapsedMs, problem } = recorder.state;
  const active = phase === 'recording' || phase === 'paused' || phase === 'stopping';
  const consent = loaded.data?.consent ?? null;

  const problemText = (value: RecorderProblem | null): string | null => {
    if (!value) return null;
    if (value.kind === 'api') return errorText(value.error);
    if (value.kind === 'chunkFailed') return t('recording.recorder.chunkFailed', { reason: errorText(value.error) });
    return t(`recording.recorder.${value.kind}`);
  };

  return (
    <section className="panel recorder-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('recording.recorder.label')}</h2>
      <ErrorMessage message={loaded.error} />
      {active && (
        <div className={`recording-indicator${phase === 'paused' ? ' is-paused' : ''}`} data-testid="recording-indicator">
          <span className="recording-dot" aria-hidden="true" />
          <span role="status">{t(phase === 'paused' ? 'recording.recorder.paused' : phase === 'stopping' ? 'recording.recorder.saving' : 'recording.recorder.recording')}</span>
          <span role="timer" className="recording-elapsed" aria-label={t('recording.recorder.elapsed', { value: formatDuration(elapsedMs) })}>
            {formatDuration(elapsedMs)}
          </span>
        </div>
      )}
      {loaded.data && !readOnly && (
        consent || active ? (
          <div className="recorder-actions">
            {!active && (
              <button type="button" className="button button-primary record-button" disabled={phase === 'starting'} onClick={() => void recorder.start()}>
                <span className="recording-dot" aria-hidden="true" /> {phase === 'starting' ? t('recording.recorder.starting') : t('recording.recorder.record')}
              </button>
            )}
            {phase === 'recording' && <button type="button" className="button button-secondary" onClick={recorder.pause}>{t('recording.recorder.pause')}</button>}
            {phase === 'paused' && <button type="button" className="button button-secondary" onClick={recorder.resume}>{t('recording.recorder.resume')}</button>}
            {(phase === 'recording' || phase === 'paused') && (
              <button type="button" className="button button-danger" onClick={recorder.stop}>{t('recording.recorder.stop')}</button>
            )}
            {!active && <p className="hint">{t('recording.recorder.audioOnly')}</p>}
          </div>
        ) : (
          <p className="hint">
            {t('recording.recorder.noConsent')}{' '}
            <button type="button" className="link-button" onClick={() => {
              go({ screen: 'student', studentId });
              window.setTimeout(() => {
                const panel = document.getElementById(CONSENT_PANEL_ID);
                panel?.scrollIntoView({ block: 'center' });
                panel?.focus({ preventScroll: true });
              }, 100);
            }}>{t('recording.recorder.toConsent')}</button>
          </p>
        )
      )}
      {problem && <div className={problem.kind === 'unplugged' ? 'error-message recorder-problem' : 'error-message'} role="alert">{problemText(problem)}</div>}
      {loaded.data && loaded.data.recordings.length > 0 && (
        <>
          <h3>{t('recording.list.title')}</h3>
          <RecordingList recordings={loaded.data.recordings}
            onDeleted={() => { void loaded.reload(); onChange?.(); }} />
        </>
      )}
    </section>
  );
}
