import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/schemas';
import { getApi } from '../../api';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useErrorText } from '../../components/useErrorText';
import { SetBySchool } from '../policy/SetBySchool';
import { isLocked, usePolicy } from '../policy/usePolicy';

/**
 * "Hide the window while screen sharing": stored in the vault; the backend tells the Electron
 * main process, which sets the window's content protection. Saved at once, like device unlock.
 */
export function HideWhileSharingSetting({ settings, onChange }: { settings: Settings; onChange(settings: Settings): void }) {
  const { t } = useTranslation();
  const session = useSession();
  const errorText = useErrorText();
  const [enabled, setEnabled] = useState(settings.hideWhileSharing);
  const [error, setError] = useState<string | null>(null);
  const locked = isLocked(usePolicy(), 'hideWhileSharing');

  return (
    <div>
      <label className="checkbox">
        <input type="checkbox" checked={enabled} disabled={locked}
          aria-describedby={locked ? 'hide-while-sharing-school hide-while-sharing-hint' : 'hide-while-sharing-hint'} onChange={(event) => {
          const next = event.target.checked;
          setError(null);
          // Ticks at once; a refusal puts it back and says why.
          setEnabled(next);
          getApi().settings.update({ hideWhileSharing: next }).then(onChange, (caught: unknown) => {
            setEnabled(!next);
            if (!session.handleLocked(caught)) setError(errorText(caught));
          });
        }} />
        <span>{t('settings.hideWhileSharing')}</span>
      </label>
      {locked && <SetBySchool id="hide-while-sharing-school" />}
      <p className="hint" id="hide-while-sharing-hint">{t('settings.hideWhileSharingHint')}</p>
      <ErrorMessage message={error} />
    </div>
  );
}
