import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUTO_LOCK_MINUTES, type Language } from '../../../../shared/domain';
import type { Settings } from '../../../../shared/schemas';
import { getApi } from '../../api';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useToasts } from '../../components/Toasts';
import { useErrorText } from '../../components/useErrorText';
import { PassphraseInput } from '../vault/PassphraseInput';
import { StrengthMeter } from '../vault/StrengthMeter';
import { usePassphraseStrength } from '../vault/usePassphraseStrength';
import { PolicyNotice } from '../policy/PolicyNotice';
import { SetBySchool } from '../policy/SetBySchool';
import { isLocked, usePolicy } from '../policy/usePolicy';
import { AuditPanel } from '../safety/AuditPanel';
import { BackupPanel } from '../safety/BackupPanel';
import { KeyRotationPanel } from '../safety/KeyRotationPanel';
import { RetentionPanel } from '../safety/RetentionPanel';
import { DeviceUnlockSetting } from './DeviceUnlockSetting';
import { HideWhileSharingSetting } from './HideWhileSharingSetting';
import { AudioRetentionSetting } from '../recording/AudioRetentionSetting';
import { TranscriptionSettings } from '../transcription/TranscriptionSettings';
import { LogoSetting } from './LogoSetting';
import { SearchIndexSetting } from './SearchIndexSetting';

export function SettingsScreen({ settings, onChange }: { settings: Settings; onChange(settings: Settings): void }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const toasts = useToasts();
  const errorText = useErrorText();
  const [schoolName, setSchoolName] = useState(settings.schoolName);
  const [autoLock, setAutoLock] = useState(String(settings.autoLockMinutes));
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [passError, setPassError] = useState<string | null>(null);
  /** After a change: what it did to the backups (issue 14), kept in view rather than in a toast. */
  const [backupNote, setBackupNote] = useState<{ rewrapped: number; failed: string[] } | null>(null);
  const strength = usePassphraseStrength(next, i18n.language as Language);
  const policy = usePolicy();
  const schoolNameLocked = isLocked(policy, 'schoolName');
  const autoLockLocked = isLocked(policy, 'autoLockMinutes');

  async function saveGeneral(event: FormEvent) {
    event.preventDefault();
    setGeneralError(null);
    try {
      const updated = await getApi().settings.update({ schoolName, autoLockMinutes: Number(autoLock) });
      onChange(updated);
      toasts.show(t('common.saved'));
    } catch (caught) {
      if (!session.handleLocked(caught)) setGeneralError(errorText(caught));
    }
  }

  async function changePassphrase(event: FormEvent) {
    event.preventDefault();
    setPassError(null);
    try {
      const result = await getApi().vault.changePassphrase({ currentPassphrase: current, newPassphrase: next });
      setBackupNote(result.backups);
      setCurrent('');
      setNext('');
      toasts.show(t('settings.passphraseChanged'));
    } catch (caught) {
      if (!session.handleLocked(caught)) setPassError(errorText(caught));
    }
  }

  return (
    <section className="screen" aria-labelledby="settings-title">
      <header className="screen-header"><h1 id="settings-title">{t('settings.title')}</h1></header>
      <PolicyNotice />
      <div className="panel">
        <h2>{t('settings.general')}</h2>
        <LanguageSwitch />
        <form onSubmit={saveGeneral} className="stack" noValidate>
          <div className="field">
            <label htmlFor="school-name">{t('settings.schoolName')}</label>
            <input id="school-name" value={schoolName} maxLength={200} onChange={(event) => setSchoolName(event.target.value)}
              disabled={schoolNameLocked} aria-describedby={schoolNameLocked ? 'school-name-school school-name-hint' : 'school-name-hint'} />
            {schoolNameLocked && <SetBySchool id="school-name-school" />}
            <p className="hint" id="school-name-hint">{t('settings.schoolNameHint')}</p>
          </div>
          <div className="field">
            <label htmlFor="auto-lock">{t('settings.autoLock')}</label>
            <input id="auto-lock" type="number" inputMode="numeric" min={AUTO_LOCK_MINUTES.min} max={AUTO_LOCK_MINUTES.max} value={autoLock}
              onChange={(event) => setAutoLock(event.target.value)} className="narrow"
              disabled={autoLockLocked} aria-describedby={autoLockLocked ? 'auto-lock-school auto-lock-hint' : 'auto-lock-hint'} />
            {autoLockLocked && <SetBySchool id="auto-lock-school" />}
            <p className="hint" id="auto-lock-hint">{t('settings.autoLockHint')}</p>
          </div>
          <ErrorMessage message={generalError} />
          <div><button type="submit" className="button button-primary">{t('common.save')}</button></div>
        </form>
        <LogoSetting />
        <SearchIndexSetting />
      </div>
      <div className="panel">
        <h2>{t('settings.security')}</h2>
        <form onSubmit={changePassphrase} className="stack" noValidate>
          <h3>{t('settings.changePassphrase')}</h3>
          <PassphraseInput label={t('settings.currentPassphrase')} value={current} onChange={setCurrent} autoComplete="current-password" />
          <PassphraseInput label={t('vault.newPassphrase')} value={next} onChange={setNext} autoComplete="new-password" describedBy="settings-strength" />
          <StrengthMeter strength={strength} id="settings-strength" />
          <ErrorMessage message={passError} />
          {backupNote && (
            <div className="notice" role="status" data-testid="passphrase-backups">
              <p>{t('keySafety.backups.rewrapped', { count: backupNote.rewrapped })}</p>
              {backupNote.failed.length > 0 && (
                <>
                  <p>{t('keySafety.backups.failed', { count: backupNote.failed.length })}</p>
                  <ul>{backupNote.failed.map((name) => <li key={name} className="mono">{name}</li>)}</ul>
                </>
              )}
              <p>{t('keySafety.backups.elsewhere')}</p>
            </div>
          )}
          <div>
            <button type="submit" className="button button-secondary" disabled={!current || !strength?.acceptable}>{t('settings.changePassphrase')}</button>
          </div>
        </form>
        <DeviceUnlockSetting />
        <HideWhileSharingSetting settings={settings} onChange={onChange} />
        <AudioRetentionSetting settings={settings} onChange={onChange} />
        <KeyRotationPanel />
      </div>
      <TranscriptionSettings />
      <BackupPanel />
      <RetentionPanel />
      <AuditPanel />
    </section>
  );
}
