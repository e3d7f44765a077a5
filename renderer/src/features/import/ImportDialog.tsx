import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TRANSCRIPT_BYTES, type ParsedTranscript, type Participant, type TemplateSection } from '../../../../shared/dialogueSchemas';
import { AppError } from '../../../../shared/errors';
import { mergeSpeakers } from '../../../../shared/speakerMerge';
import { PARTICIPANT_ROLES, type ParticipantRole } from '../../../../shared/domain';
import { getApi } from '../../api';
import { Dialog, DialogClose } from '../../components/Dialog';
import { useDialogAction } from '../../components/useDialogAction';
import { useErrorText } from '../../components/useErrorText';
import type { Turn } from '../editor/editorCommands';
import { fileToBase64 } from './fileToBase64';
import { guessRole } from './guessRole';

interface Props {
  sections: TemplateSection[];
  participants: Participant[];
  onInsert(sectionIndex: number, turns: Turn[], speakers: Participant[]): void;
  onClose(): void;
}

const ACCEPT = '.txt,.vtt,.srt,.docx,text/plain,text/vtt,application/x-subrip,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * Reads a transcript in two steps: parse (in the backend, nothing stored), then the mentor maps
 * speakers to roles and picks a section. A file that cannot be read changes nothing.
 */
export function ImportDialog({ sections, participants, onInsert, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [pseudonyms, setPseudonyms] = useState<{ name: string; replacement: string }[]>([]);
  const [parsed, setParsed] = useState<ParsedTranscript | null>(null);
  const [roles, setRoles] = useState<Record<string, ParticipantRole>>({});
  const [sectionIndex, setSectionIndex] = useState(0);
  // Reading is the dialog's action that can fail; the dialog stays open either way.
  const { busy, error, setError, run } = useDialogAction();

  function read() {
    if (!file) return;
    // Checked here too: a file this large would not even fit the request, so say why plainly.
    if (file.size > MAX_TRANSCRIPT_BYTES) {
      setError(errorText(new AppError('FILE_TOO_LARGE')));
      return;
    }
    setParsed(null);
    void run(async () => {
      const result = await getApi().transcripts.parse({
        fileName: file.name,
        dataBase64: await fileToBase64(file),
        pseudonyms: pseudonyms.filter((entry) => entry.name.trim() && entry.replacement.trim()),
      });
      setParsed(result);
      setRoles(Object.fromEntries(result.speakers.map((speaker) => [speaker, guessRole(speaker, participants)])));
    });
  }

  function insert() {
    if (!parsed) return;
    const turns: Turn[] = parsed.turns.map((turn) => ({ speaker: turn.speaker, role: roles[turn.speaker] ?? 'other', text: turn.text, startMs: turn.startMs }));
    onInsert(sectionIndex, turns, parsed.speakers.map((speaker) => ({ name: speaker, role: roles[speaker] ?? 'other' })));
  }

  // A recording tool's own lines are told apart from lines that were lost: nobody said them.
  const lineList = (entries: ParsedTranscript['skipped']) => entries.slice(0, 10).map((entry) => entry.line).join(', ') + (entries.length > 10 ? ', …' : '');
  const skipped = parsed?.skipped.filter((entry) => entry.reason !== 'tool_note') ?? [];
  const toolNotes = parsed?.skipped.filter((entry) => entry.reason === 'tool_note') ?? [];
  const nameList = (names: string[]) => new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(names.map((name) => `“${name}”`));

  // The mentor decides; afterwards focus goes to the merged speaker's role, the next thing to set.
  function merge(into: string, names: string[]) {
    setParsed((current) => (current ? mergeSpeakers(current, into, names) : current));
    requestAnimationFrame(() => document.getElementById(`${id}-role-${into}`)?.focus());
  }

  return (
    <Dialog
      title={t('dialogue.importer.title')}
      description={t('dialogue.importer.intro')}
      size="wide"
      onClose={onClose}
      onSubmit={read}
      error={error}
      actions={(
        <>
          <DialogClose>{t('common.cancel')}</DialogClose>
          <button type="button" className="button button-primary" disabled={!parsed} onClick={insert}>{t('dialogue.importer.insert')}</button>
        </>
      )}
    >
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('dialogue.importer.file')}</label>
        <input id={`${id}-file`} type="file" accept={ACCEPT} onChange={(event) => { setFile(event.target.files?.[0] ?? null); setParsed(null); setError(null); }} />
      </div>
      <fieldset className="pseudonyms">
        <legend>{t('dialogue.importer.pseudonyms')}</legend>
        <p className="hint">{t('dialogue.importer.pseudonymHint')}</p>
        {pseudonyms.map((entry, index) => (
          <div className="row" key={index}>
            <input aria-label={`${t('dialogue.importer.name')} ${index + 1}`} placeholder={t('dialogue.importer.name')} value={entry.name}
              onChange={(event) => setPseudonyms((all) => all.map((item, i) => (i === index ? { ...item, name: event.target.value } : item)))} />
            <input aria-label={`${t('dialogue.importer.replacement')} ${index + 1}`} placeholder={t('dialogue.importer.replacement')} value={entry.replacement}
              onChange={(event) => setPseudonyms((all) => all.map((item, i) => (i === index ? { ...item, replacement: event.target.value } : item)))} />
            <button type="button" className="icon-button" aria-label={`${t('common.delete')} ${entry.name}`} onClick={() => setPseudonyms((all) => all.filter((_, i) => i !== index))}>×</button>
          </div>
        ))}
        <button type="button" className="button button-ghost" onClick={() => setPseudonyms((all) => [...all, { name: '', replacement: '' }])}>+ {t('dialogue.importer.addPseudonym')}</button>
      </fieldset>
      <div><button type="submit" className="button button-secondary" disabled={!file || busy}>{busy ? t('dialogue.importer.reading') : t('dialogue.importer.read')}</button></div>
      {parsed && (
        <div className="stack import-preview">
          <p role="status">{t('dialogue.importer.summary', { turns: parsed.turns.length, speakers: parsed.speakers.length, format: parsed.format.toUpperCase() })}</p>
          {skipped.length > 0 && <p className="notice">{t('dialogue.importer.skipped', { count: skipped.length, lines: lineList(skipped) })}</p>}
          {toolNotes.length > 0 && <p className="hint">{t('dialogue.importer.toolNotes', { count: toolNotes.length, lines: lineList(toolNotes) })}</p>}
          {parsed.suggestedMerges?.map((offer) => {
            const names = [offer.into, ...offer.from];
            return (
              <div className="notice" role="group" aria-label={t('dialogue.importer.mergeOffer', { names: nameList(names) })} key={names.join('\n')}>
                <p>{t('dialogue.importer.mergeOffer', { names: nameList(names) })}</p>
                <div className="row">
                  {names.map((name) => <button type="button" className="button button-secondary" key={name} onClick={() => merge(name, names)}>{t('dialogue.importer.mergeAs', { name })}</button>)}
                </div>
              </div>
            );
          })}
          <fieldset>
            <legend>{t('dialogue.importer.speakers')}</legend>
            {parsed.speakers.map((speaker) => (
              <div className="row speaker-row" key={speaker}>
                <label htmlFor={`${id}-role-${speaker}`} className="speaker-name">{speaker}</label>
                <select id={`${id}-role-${speaker}`} value={roles[speaker] ?? 'other'} onChange={(event) => setRoles((all) => ({ ...all, [speaker]: event.target.value as ParticipantRole }))}>
                  {PARTICIPANT_ROLES.map((role) => <option key={role} value={role}>{t(`dialogue.roles.${role}`)}</option>)}
                </select>
              </div>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-section`}>{t('dialogue.importer.section')}</label>
            <select id={`${id}-section`} value={sectionIndex} onChange={(event) => setSectionIndex(Number(event.target.value))}>
              {sections.map((section, index) => <option key={section.key} value={index}>{section.title}</option>)}
            </select>
          </div>
          <ol className="turn-preview" aria-label={t('dialogue.importer.summary', { turns: parsed.turns.length, speakers: parsed.speakers.length, format: parsed.format })}>
            {parsed.turns.slice(0, 4).map((turn, index) => <li key={index}><strong>{turn.speaker}:</strong> {turn.text.slice(0, 140)}{turn.text.length > 140 ? '…' : ''}</li>)}
          </ol>
        </div>
      )}
    </Dialog>
  );
}
