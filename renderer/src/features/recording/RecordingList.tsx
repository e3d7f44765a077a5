import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Recording } from '../../../../shared/recordingSchemas';
import { getApi } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useToasts } from '../../components/Toasts';
import { formatDuration } from './duration';

function recordedAt(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

interface Props {
  recordings: Recording[];
  /** After a recording was deleted (the caller reloads). */
  onDeleted(recording: Recording): void;
  /** Extra controls per recording (play, for instance), before the delete button. */
  controls?(recording: Recording): ReactNode;
  /** The recording being made now: listed, but not deletable until it is finished. */
  activeId?: string | null;
}

/** A dialogue's recordings: when, how long, and delete (after a question). */
export function RecordingList({ recordings, onDeleted, controls, activeId = null }: Props) {
  const { t, i18n } = useTranslation();
  const toasts = useToasts();
  const [deleting, setDeleting] = useState<Recording | null>(null);
  if (recordings.length === 0) return <p className="subtle">{t('recording.list.empty')}</p>;
  return (
    <>
      <ul className="recording-list">
        {recordings.map((recording) => {
          const date = recordedAt(recording.createdAt, i18n.language);
          const notes = [
            recording.source === 'imported' ? t('recording.list.imported') : null,
            recording.interrupted ? t('recording.list.interrupted') : null,
            recording.status === 'recording' ? t('recording.list.inProgress') : null,
          ].filter(Boolean);
          return (
            <li key={recording.id} className="recording-item">
              <span className="recording-when">{t('recording.list.recordedAt', { date })}</span>
              <span className="subtle">{t('recording.list.duration', { value: formatDuration(recording.durationMs) })}{notes.length > 0 ? ` · ${notes.join(' · ')}` : ''}</span>
              <span className="recording-controls">
                {controls?.(recording)}
                {recording.id !== activeId && (
                  <button type="button" className="button button-ghost danger-text" aria-label={t('recording.list.deleteLabel', { date })}
                    onClick={() => setDeleting(recording)}>{t('recording.list.delete')}</button>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      {deleting && (
        <ConfirmDialog title={t('recording.list.deleteTitle')} description={t('recording.list.deleteBody', { date: recordedAt(deleting.createdAt, i18n.language) })}
          confirmLabel={t('recording.list.delete')} destructive
          onConfirm={async () => {
            await getApi().recordings.delete({ recordingId: deleting.id });
            const gone = deleting;
            setDeleting(null);
            toasts.show(t('recording.list.deleted'));
            onDeleted(gone);
          }}
          onClose={() => setDeleting(null)} />
      )}
    </>
  );
}
