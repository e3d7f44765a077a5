import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Participant, Placement, TemplateVersion } from '../../../../shared/dialogueSchemas';
import { PARTICIPANT_ROLES, type ParticipantRole } from '../../../../shared/domain';
import type { Student } from '../../../../shared/schemas';
import { getApi } from '../../api';
import { Dialog, DialogClose } from '../../components/Dialog';
import { todayIso } from '../../components/today';
import { useDialogAction } from '../../components/useDialogAction';
import { useErrorText } from '../../components/useErrorText';

interface Props {
  student: Student;
  onClose(): void;
  onCreated(dialogueId: string): void;
}

/** Starts a dialogue from a template, with the student and their mentor already as participants. */
export function NewDialogueDialog({ student, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [templates, setTemplates] = useState<TemplateVersion[]>([]);
  const [templateVersionId, setTemplateVersionId] = useState('');
  const [heldOn, setHeldOn] = useState(todayIso());
  const [title, setTitle] = useState('');
  const [participants, setParticipants] = useState<Participant[]>(() => [
    { name: student.displayName, role: 'student' },
    ...(student.mentor ? [{ name: student.mentor, role: 'mentor' as const }] : []),
  ]);
  // Creating opens the new dialogue (the screen changes); a failure stays in the dialog.
  const { busy, error, setError, run } = useDialogAction();
  const [placements, setPlacements] = useState<Placement[]>([]);
  // '' = none, 'new' = a new placement typed below, otherwise an existing placement's id.
  const [placementChoice, setPlacementChoice] = useState('');
  const [newOrganisation, setNewOrganisation] = useState('');

  useEffect(() => {
    getApi().placements.list({ studentId: student.id }).then(setPlacements, () => undefined);
  }, [student.id]);

  useEffect(() => {
    getApi().templates.list({}).then((list) => {
      setTemplates(list);
      setTemplateVersionId((current) => current || list[0]?.id || '');
    }, (caught) => setError(errorText(caught)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const setParticipant = (index: number, patch: Partial<Participant>) =>
    setParticipants((all) => all.map((participant, i) => (i === index ? { ...participant, ...patch } : participant)));

  function submit() {
    void run(async () => {
      let placementId: string | null = placementChoice && placementChoice !== 'new' ? placementChoice : null;
      if (placementChoice === 'new' && newOrganisation.trim()) {
        placementId = (await getApi().placements.create({ studentId: student.id, organisation: newOrganisation })).id;
      }
      const created = await getApi().dialogues.create({
        studentId: student.id, templateVersionId, heldOn, title,
        participants: participants.filter((participant) => participant.name.trim()),
        placementId,
      });
      onCreated(created.id);
    });
  }

  const byKind = (kind: 'internal' | 'external') => templates.filter((template) => template.kind === kind);

  return (
    <Dialog
      title={t('dialogue.create.title')}
      onClose={onClose}
      onSubmit={submit}
      error={error}
      actions={(
        <>
          <DialogClose>{t('common.cancel')}</DialogClose>
          <button type="submit" className="button button-primary" disabled={busy || !templateVersionId || !heldOn}>{t('dialogue.create.start')}</button>
        </>
      )}
    >
      <div className="field">
        <label htmlFor={`${id}-template`}>{t('dialogue.create.template')}</label>
        <select id={`${id}-template`} value={templateVersionId} onChange={(event) => setTemplateVersionId(event.target.value)}>
          {(['internal', 'external'] as const).map((kind) => (
            <optgroup key={kind} label={t(`dialogue.kinds.${kind}`)}>
              {byKind(kind).map((template) => <option key={template.id} value={template.id}>{template.name}</option>)}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('dialogue.create.heldOn')}</label>
          <input id={`${id}-date`} type="date" value={heldOn} onChange={(event) => setHeldOn(event.target.value)} required />
        </div>
        <div className="field grow">
          <label htmlFor={`${id}-title`}>{t('dialogue.create.titleField')} <span className="optional">({t('common.optional')})</span></label>
          <input id={`${id}-title`} value={title} maxLength={200} placeholder={t('dialogue.create.titlePlaceholder')} onChange={(event) => setTitle(event.target.value)} />
        </div>
      </div>
      <div className="row">
        <div className="field grow">
          <label htmlFor={`${id}-placement`}>{t('dialogue.create.placement')} <span className="optional">({t('common.optional')})</span></label>
          <select id={`${id}-placement`} value={placementChoice} onChange={(event) => setPlacementChoice(event.target.value)}>
            <option value="">{t('dialogue.create.noPlacement')}</option>
            {placements.map((placement) => <option key={placement.id} value={placement.id}>{placement.organisation}</option>)}
            <option value="new">{t('dialogue.create.newPlacement')}</option>
          </select>
        </div>
        {placementChoice === 'new' && (
          <div className="field grow">
            <label htmlFor={`${id}-organisation`}>{t('dialogue.create.organisation')}</label>
            <input id={`${id}-organisation`} value={newOrganisation} maxLength={200} onChange={(event) => setNewOrganisation(event.target.value)} />
          </div>
        )}
      </div>
      <fieldset className="participants">
        <legend>{t('dialogue.create.participants')}</legend>
        {participants.map((participant, index) => (
          <div className="row participant-row" key={index}>
            <input aria-label={`${t('dialogue.create.participantName')} ${index + 1}`} value={participant.name} maxLength={200}
              onChange={(event) => setParticipant(index, { name: event.target.value })} />
            <select aria-label={`${t('dialogue.create.participantRole')} ${index + 1}`} value={participant.role}
              onChange={(event) => setParticipant(index, { role: event.target.value as ParticipantRole })}>
              {PARTICIPANT_ROLES.map((role) => <option key={role} value={role}>{t(`dialogue.roles.${role}`)}</option>)}
            </select>
            <button type="button" className="icon-button" aria-label={t('dialogue.create.removeParticipant', { name: participant.name || index + 1 })}
              onClick={() => setParticipants((all) => all.filter((_, i) => i !== index))}>×</button>
          </div>
        ))}
        <button type="button" className="button button-ghost" onClick={() => setParticipants((all) => [...all, { name: '', role: 'other' }])}>
          + {t('dialogue.create.addParticipant')}
        </button>
      </fieldset>
    </Dialog>
  );
}
