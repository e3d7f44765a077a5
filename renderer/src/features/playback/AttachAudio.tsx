import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useErrorText } from '../../components/useErrorText';
import { importAudioFile } from '../transcription/importAudioFile';

/**
 * "Audio koppelen": an imported transcript with times and no recording yet gets its audio file
 * attached, so it plays back in sync like a recording made here. The file goes the engine's way
 * (audio:pick reads it in the backend with a size bound and a magic-byte sniff, it is decoded
 * here, audio:store keeps it as a recording with source 'imported'); a file that cannot be read
 * stores nothing.
 */
export function AttachAudio({ dialogueId, onAttached }: { dialogueId: string; onAttached(): void }) {
  const { t } = useTranslation();
  const session = useSession();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function attach() {
    setBusy(true);
    setError(null);
    try {
      if (!(await importAudioFile(dialogueId))) return;
      onAttached();
    } catch (caught) {
      if (!session.handleLocked(caught)) setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="player attach-audio" data-testid="attach-audio">
      <p className="hint">{t('playback.attachHint')}</p>
      <button type="button" className="button button-secondary" disabled={busy} onClick={() => void attach()}>{t('playback.attach')}</button>
      <ErrorMessage message={error} />
    </div>
  );
}
