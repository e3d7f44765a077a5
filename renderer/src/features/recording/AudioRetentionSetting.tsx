import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/schemas';
import { getApi } from '../../api';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useErrorText } from '../../components/useErrorText';
import { SetBySchool } from '../policy/SetBySchool';
import { isLocked, usePolicy } from '../policy/usePolicy';

const MAX_DAYS = 3650;

/**
 * "Delete audio N days after the report is final" (issue 17, data minimisation): stored in the
 * vault as `audioRetentionDays`; 0 keeps audio. The school policy may set and lock it.
 */
export function AudioRetentionSetting({ settings, onChange }: { settings: Settings; onChange(settings: Settings): void }) {
  const { t } = useTranslation();
  const id = useId();
  const session = useSession();
  const errorText = useErrorText();
  const [days, setDays] = useState(String(settings.audioRetentionDays));
  const [error, setError] = useState<string | null>(null);
  const locked = isLocked(usePolicy(), 'audioRetentionDays');

  const save = (text: string) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isInteger(value) || value < 0 || value > MAX_DAYS) return;
    setError(null);
    getApi().settings.update({ audioRetentionDays: value }).then(onChange, (caught: unknown) => {
      setDays(String(settings.audioRetentionDays));
      if (!session.handleLocked(caught)) setError(errorText(caught));
    });
  };

  return (
    <div className="field">
      <label htmlFor={`${id}-days`}>{t('recording.settings.audioRetention')}</label>
      <input id={`${id}-days`} className="narrow" type="number" inputMode="numeric" min={0} max={MAX_DAYS} value={days} disabled={locked}
        aria-describedby={locked ? `${id}-school ${id}-hint` : `${id}-hint`}
        onChange={(event) => { setDays(event.target.value); save(event.target.value); }} />
      {locked && <SetBySchool id={`${id}-school`} />}
      <p className="hint" id={`${id}-hint`}>{t('recording.settings.audioRetentionHint')}</p>
      <ErrorMessage message={error} />
    </div>
  );
}
