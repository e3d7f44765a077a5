import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Participant, TemplateSection } from '../../../../shared/dialogueSchemas';
import type { Recording } from '../../../../shared/recordingSchemas';
import { getApi } from '../../api';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useErrorText } from '../../components/useErrorText';
import { useLoad } from '../../components/useLoad';
import { useToasts } from '../../components/Toasts';
import type { Turn } from '../editor/editorCommands';
import { formatDuration } from '../recording/duration';
import { importAudioFile } from './importAudioFile';
import { TranscribeDialog } from './TranscribeDialog';
import './transcription.css';

interface Props {
  dialogueId: string;
  readOnly: boolean;
  sections: TemplateSection[];
  participants: Participant[];
  /** Changes when the dialogue's recordings may have changed (a recording was kept). */
  version: string | null;
  /** After an audio file was stored as a recording. */
  onChange(): void;
  onInsert(sectionIndex: number, turns: Turn[], speakers: Participant[]): void;
}

function recordedAt(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/**
 * The dialogue's transcription panel (issue 17): import an audio file (picked in the app's open
 * dialog, read and sniffed by the backend, decoded here before it is stored) and transcribe a
 * recording offline.
 */
export function TranscriptionPanel({ dialogueId, readOnly, sections, participants, version, onChange, onInsert }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const session = useSession();
  const errorText = useErrorText();
  const toasts = useToasts();
  const loaded = useLoad(async () => {
    const [recordings, models] = await Promise.all([getApi().recordings.list({ dialogueId }), getApi().models.list({})]);
    return { recordings: recordings.filter((r) => r.status === 'complete' && r.byteCount > 0), hasModel: models.models.some((m) => m.active) };
  }, [dialogueId, version]);
  const [importing, setImporting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [transcribing, setTranscribing] = useState<Recording | null>(null);

  async function importAudio() {
    setImporting(true);
    setError(null);
    try {
      const imported = await importAudioFile(dialogueId);
      if (!imported) return;
      const { durationMs } = imported;
      toasts.show(t('transcription.panel.imported', { value: formatDuration(durationMs) }));
      await loaded.reload();
      onChange();
    } catch (caught) {
      if (!session.handleLocked(caught)) setError(errorText(caught));
    } finally {
      setImporting(false);
    }
  }

  const data = loaded.data;
  return (
    <section className="panel transcription-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('transcription.panel.title')}</h2>
      <ErrorMessage message={loaded.error ?? error} />
      {data && data.recordings.length === 0 && <p className="subtle">{t('transcription.panel.none')}</p>}
      {data && data.recordings.length > 0 && (
        <ul className="transcription-list">
          {data.recordings.map((recording) => {
            const date = recordedAt(recording.createdAt, i18n.language);
            return (
              <li key={recording.id}>
                <span>{date} <span className="subtle">· {formatDuration(recording.durationMs)}</span></span>
                {!readOnly && (
                  <button type="button" className="button button-secondary" disabled={!data.hasModel}
                    aria-label={t('transcription.panel.transcribeLabel', { date })} onClick={() => setTranscribing(recording)}>
                    {t('transcription.panel.transcribe')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {data && !data.hasModel && !readOnly && <p className="hint">{t('transcription.panel.noModel')}</p>}
      {!readOnly && (
        <div>
          <button type="button" className="button button-secondary" disabled={importing} onClick={() => void importAudio()}>
            {importing ? t('transcription.panel.importing') : t('transcription.panel.importAudio')}
          </button>
          <p className="hint">{t('transcription.panel.importHint')}</p>
        </div>
      )}
      {transcribing && (
        <TranscribeDialog dialogueId={dialogueId} recording={transcribing} sections={sections} participants={participants}
          onInsert={(index, turns, speakers) => {
            setTranscribing(null);
            onInsert(index, turns, speakers);
          }}
          onClose={() => setTranscribing(null)} />
      )}
    </section>
  );
}
