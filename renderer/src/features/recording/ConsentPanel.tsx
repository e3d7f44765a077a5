import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSENT_GIVERS, type ConsentGiver } from '../../../../shared/recordingSchemas';
import { getApi } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog, DialogClose } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate } from '../../components/formatDate';
import { todayIso } from '../../components/today';
import { useDialogAction } from '../../components/useDialogAction';
import { useLoad } from '../../components/useLoad';
import { useToasts } from '../../components/Toasts';
import './recording.css';

/** The id the recorder's hint links to (DialogueScreen → student page). */
export const CONSENT_PANEL_ID = 'consent';

/**
 * Consent to record (issue 17) on the student page: what is registered (date, by whom, for what),
 * registering it, and revoking it, which deletes the student's recordings after a question.
 */
export function ConsentPanel({ studentId }: { studentId: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const toasts = useToasts();
  const consent = useLoad(() => getApi().consent.get({ studentId }), [studentId]);
  const [registering, setRegistering] = useState(false);
  const [revoking, setRevoking] = useState(false);
  const current = consent.data;

  return (
    <div className="panel consent-panel" id={CONSENT_PANEL_ID} aria-labelledby={`${id}-title`} tabIndex={-1}>
      <h2 id={`${id}-title`}>{t('recording.consent.title')}</h2>
      <ErrorMessage message={consent.error} />
      {!consent.loading && current === null && (
        <>
          <p className="subtle">{t('recording.consent.none')}</p>
          <button type="button" className="button button-secondary" onClick={() => setRegistering(true)}>{t('recording.consent.register')}</button>
        </>
      )}
      {current && (
        <>
          <p>{t('recording.consent.given', { date: formatDate(current.givenOn, i18n.language), role: t(`recording.consent.giversInSentence.${current.givenBy}`) })}</p>
          <p className="subtle"><span>{t('recording.consent.purposeLabel')}</span> {current.purpose}</p>
          <button type="button" className="button button-ghost danger-text" onClick={() => setRevoking(true)}>{t('recording.consent.revoke')}</button>
        </>
      )}
      {registering && (
        <RegisterConsentDialog studentId={studentId} onClose={() => setRegistering(false)}
          onDone={() => { setRegistering(false); toasts.show(t('recording.consent.registered')); void consent.reload(); }} />
      )}
      {revoking && (
        <ConfirmDialog title={t('recording.consent.revokeTitle')} description={t('recording.consent.revokeBody')}
          confirmLabel={t('recording.consent.revokeConfirm')} destructive
          onConfirm={async () => {
            const { deletedRecordings } = await getApi().consent.revoke({ studentId });
            setRevoking(false);
            toasts.show(t('recording.consent.revoked', { count: deletedRecordings }));
            await consent.reload();
          }}
          onClose={() => setRevoking(false)} />
      )}
    </div>
  );
}

function RegisterConsentDialog({ studentId, onClose, onDone }: { studentId: string; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [givenOn, setGivenOn] = useState(todayIso());
  const [givenBy, setGivenBy] = useState<ConsentGiver>('student');
  const [purpose, setPurpose] = useState(() => t('recording.consent.purposeDefault'));
  const action = useDialogAction({ onDone });

  return (
    <Dialog title={t('recording.consent.registerTitle')} description={t('recording.consent.registerIntro')} onClose={onClose}
      error={action.error}
      onSubmit={() => void action.run(async () => { await getApi().consent.register({ studentId, givenOn, givenBy, purpose }); })}
      actions={(
        <>
          <DialogClose>{t('common.cancel')}</DialogClose>
          <button type="submit" className="button button-primary" disabled={action.busy || purpose.trim() === '' || givenOn === ''}>
            {t('recording.consent.register')}
          </button>
        </>
      )}>
      <div className="field">
        <label htmlFor={`${id}-date`}>{t('recording.consent.givenOn')}</label>
        <input id={`${id}-date`} type="date" value={givenOn} max={todayIso()} onChange={(event) => setGivenOn(event.target.value)} className="narrow" />
      </div>
      <fieldset className="field">
        <legend>{t('recording.consent.givenBy')}</legend>
        {CONSENT_GIVERS.map((giver) => (
          <label key={giver} className="checkbox">
            <input type="radio" name={`${id}-by`} value={giver} checked={givenBy === giver} onChange={() => setGivenBy(giver)} />
            <span>{t(`recording.consent.givers.${giver}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-purpose`}>{t('recording.consent.purpose')}</label>
        <textarea id={`${id}-purpose`} rows={3} maxLength={1000} value={purpose} onChange={(event) => setPurpose(event.target.value)}
          aria-describedby={`${id}-purpose-hint`} />
        <p className="hint" id={`${id}-purpose-hint`}>{t('recording.consent.purposeHint')}</p>
      </div>
    </Dialog>
  );
}
