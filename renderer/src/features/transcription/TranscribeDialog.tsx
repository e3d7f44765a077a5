import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Participant, TemplateSection } from '../../../../shared/dialogueSchemas';
import { AppError } from '../../../../shared/errors';
import type { Recording } from '../../../../shared/recordingSchemas';
import { MAX_PCM_CHUNK_BYTES, MAX_TRANSCRIBE_SAMPLES, type Segment } from '../../../../shared/transcriptionSchemas';
import { getApi } from '../../api';
import { useSession } from '../../app/session';
import { Dialog, DialogClose } from '../../components/Dialog';
import { useErrorText } from '../../components/useErrorText';
import { onBackendEvent } from '../../events';
import type { Turn } from '../editor/editorCommands';
import { guessRole } from '../import/guessRole';
import { formatDuration } from '../recording/duration';
import { decodeAudio } from './decodeAudio';

interface Props {
  dialogueId: string;
  recording: Recording;
  sections: TemplateSection[];
  participants: Participant[];
  onInsert(sectionIndex: number, turns: Turn[], speakers: Participant[]): void;
  onClose(): void;
}

type Phase =
  | { kind: 'decoding' }
  | { kind: 'sending' }
  | { kind: 'running'; percent: number; secondsLeft: number | null }
  | { kind: 'preview'; segments: Segment[]; model: string; autoSpeakers: boolean }
  | { kind: 'failed'; message: string };

const SPEAKERS = [1, 2, 3] as const;

/**
 * The quick-key speaker of each fragment as the result gives it: the speaker-separation model's
 * 1-3, 0 where it left one unassigned (shown as "?" until the mentor presses a key), and 1 for
 * all when no model was used (as before: the mentor assigns them).
 */
export function initialSpeakers(segments: Segment[]): number[] {
  return segments.map((s) => (s.speaker === undefined ? 1 : (s.speaker ?? 0)));
}

/** Consecutive segments of one speaker become one turn, starting where the first starts; an unassigned one has no speaker name. */
export function segmentsToTurns(segments: Segment[], speakerOf: number[], names: string[], participants: Participant[]): Turn[] {
  const turns: Turn[] = [];
  segments.forEach((segment, index) => {
    const speaker = names[(speakerOf[index] ?? 1) - 1] ?? '';
    const last = turns.at(-1);
    if (last && last.speaker === speaker) last.text = `${last.text} ${segment.text}`;
    else turns.push({ speaker, role: guessRole(speaker, participants), text: segment.text, startMs: segment.startMs });
  });
  return turns;
}

/**
 * Transcribes one recording: the renderer decodes it (Chromium's decoders) to 16 kHz mono,
 * sends the PCM to the backend in chunks and shows the job's progress and time left, with stop.
 * Then a preview where the mentor assigns speakers with 1/2/3 (Up/Down move between fragments)
 * and inserts the result as speaker turns with their start times into a section.
 */
export function TranscribeDialog({ dialogueId, recording, sections, participants, onInsert, onClose }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const session = useSession();
  const errorText = useErrorText();
  const [phase, setPhase] = useState<Phase>({ kind: 'decoding' });
  const [speakerOf, setSpeakerOf] = useState<number[]>([]);
  const [current, setCurrent] = useState(0);
  const currentRef = useRef(0);
  const move = (index: number) => {
    currentRef.current = index;
    setCurrent(index);
  };
  const [names, setNames] = useState<string[]>(() => SPEAKERS.map((n) => participants[n - 1]?.name ?? t('transcription.dialog.speaker', { number: n })));
  const [sectionIndex, setSectionIndex] = useState(0);
  const jobRef = useRef<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    let cancelled = false;
    const unsubscribe: Array<() => void> = [];
    const fail = (caught: unknown) => {
      if (cancelled) return;
      if (session.handleLocked(caught)) return;
      setPhase({ kind: 'failed', message: errorText(caught) });
    };
    (async () => {
      const audio = await getApi().recordings.read({ recordingId: recording.id });
      const { pcm } = await decodeAudio(audio.bytes);
      if (cancelled) return;
      if (pcm.length > MAX_TRANSCRIBE_SAMPLES) throw new AppError('AUDIO_TOO_LONG');
      setPhase({ kind: 'sending' });
      const { jobId, model } = await getApi().transcription.start({ dialogueId, recordingId: recording.id, sampleCount: pcm.length, language: 'nl' });
      jobRef.current = jobId;
      unsubscribe.push(onBackendEvent('transcription:progress', (payload) => {
        if (payload.jobId === jobId && !cancelled) setPhase({ kind: 'running', percent: payload.percent, secondsLeft: payload.secondsLeft });
      }));
      unsubscribe.push(onBackendEvent('transcription:failed', (payload) => {
        if (payload.jobId === jobId) fail(new AppError(payload.code));
      }));
      unsubscribe.push(onBackendEvent('transcription:finished', (payload) => {
        if (payload.jobId !== jobId) return;
        getApi().transcription.result({ jobId }).then((result) => {
          if (cancelled) return;
          jobRef.current = null;
          setSpeakerOf(initialSpeakers(result.segments));
          setPhase({ kind: 'preview', segments: result.segments, model, autoSpeakers: result.autoSpeakers === true });
        }, fail);
      }));
      const bytes = new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
      for (let seq = 0, offset = 0; offset < bytes.byteLength; seq += 1, offset += MAX_PCM_CHUNK_BYTES) {
        if (cancelled) return;
        await getApi().transcription.pcm({ jobId, seq, bytes: bytes.slice(offset, offset + MAX_PCM_CHUNK_BYTES) });
      }
      await getApi().transcription.run({ jobId });
      if (!cancelled) setPhase((value) => (value.kind === 'sending' ? { kind: 'running', percent: 0, secondsLeft: null } : value));
    })().catch(fail);
    return () => {
      cancelled = true;
      for (const stop of unsubscribe) stop();
      if (jobRef.current) void getApi().transcription.cancel({ jobId: jobRef.current }).catch(() => undefined);
    };
  }, [dialogueId, recording.id]); // eslint-disable-line react-hooks/exhaustive-deps

  // Keep the current fragment in view as the mentor moves with the keys.
  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>(`[data-index="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  function onKey(event: KeyboardEvent<HTMLOListElement>, count: number) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      move(Math.max(0, Math.min(count - 1, currentRef.current + (event.key === 'ArrowDown' ? 1 : -1))));
      return;
    }
    const speaker = Number(event.key);
    if (speaker === 1 || speaker === 2 || speaker === 3) {
      event.preventDefault();
      // Read the fragment from the ref: two quick keys may come before React renders again.
      const at = currentRef.current;
      setSpeakerOf((value) => value.map((s, i) => (i === at ? speaker : s)));
      move(Math.min(count - 1, at + 1));
    }
  }

  const timeLeft = (seconds: number | null): string => {
    if (seconds === null) return t('transcription.dialog.timeUnknown');
    return seconds >= 90 ? t('transcription.dialog.timeLeftMinutes', { count: Math.round(seconds / 60) }) : t('transcription.dialog.timeLeft', { count: seconds });
  };

  const stop = () => {
    if (jobRef.current) void getApi().transcription.cancel({ jobId: jobRef.current }).catch(() => undefined);
    jobRef.current = null;
    onClose();
  };

  const preview = phase.kind === 'preview' ? phase : null;
  const actions = preview ? (
    <>
      <DialogClose>{t('common.cancel')}</DialogClose>
      <button type="button" className="button button-primary"
        onClick={() => onInsert(sectionIndex, segmentsToTurns(preview.segments, speakerOf, names, participants),
          names.filter((_, i) => speakerOf.includes(i + 1)).map((name) => ({ name, role: guessRole(name, participants) })))}>
        {t('transcription.dialog.insert')}
      </button>
    </>
  ) : phase.kind === 'failed' ? (
    <DialogClose>{t('transcription.dialog.close')}</DialogClose>
  ) : (
    <button type="button" className="button button-secondary" onClick={stop}>{t('transcription.dialog.cancel')}</button>
  );

  return (
    <Dialog title={t('transcription.dialog.title')} size="wide" onClose={stop} error={phase.kind === 'failed' ? phase.message : null} actions={actions}>
      {(phase.kind === 'decoding' || phase.kind === 'sending') && (
        <p role="status">{t(phase.kind === 'decoding' ? 'transcription.dialog.decoding' : 'transcription.dialog.sending')}</p>
      )}
      {phase.kind === 'running' && (
        <div className="stack">
          <label htmlFor={`${id}-progress`} role="status">{t('transcription.dialog.running', { percent: phase.percent })}</label>
          <progress id={`${id}-progress`} className="transcribe-progress" max={100} value={phase.percent} />
          <p className="subtle">{timeLeft(phase.secondsLeft)}</p>
          <p className="hint">{t('transcription.dialog.background')}</p>
        </div>
      )}
      {preview && (
        <div className="stack">
          <p className="subtle">{t('transcription.dialog.model', { model: preview.model })}</p>
          {preview.autoSpeakers && <p role="status" className="auto-speakers"><strong>{t('transcription.dialog.autoSpeakersUsed')}</strong></p>}
          <div className="speaker-names">
            {SPEAKERS.map((n, i) => (
              <div className="field" key={n}>
                <label htmlFor={`${id}-speaker-${n}`}>{t('transcription.dialog.speakerName', { number: n })}</label>
                <input id={`${id}-speaker-${n}`} value={names[i]} maxLength={100}
                  onChange={(event) => setNames((value) => value.map((name, j) => (j === i ? event.target.value : name)))} />
              </div>
            ))}
          </div>
          <p className="hint" id={`${id}-keys`}>{t('transcription.dialog.previewIntro')}</p>
          <ol ref={listRef} className="segment-list" tabIndex={0} role="listbox" aria-label={t('transcription.dialog.segments')}
            aria-describedby={`${id}-keys`} aria-activedescendant={`${id}-segment-${current}`} onKeyDown={(event) => onKey(event, preview.segments.length)}>
            {preview.segments.map((segment, index) => {
              const speaker = speakerOf[index] ?? 1;
              const who = speaker === 0 ? `? · ${t('transcription.dialog.unassigned')}` : `${speaker} · ${names[speaker - 1]}`;
              return (
                <li key={index} id={`${id}-segment-${index}`} data-index={index} role="option" aria-selected={index === current}
                  className={`segment${index === current ? ' is-current' : ''}`} onClick={() => move(index)}>
                  <span className="segment-time">{formatDuration(segment.startMs)}</span>
                  <span className="segment-speaker" data-speaker={speaker}>{who}</span>
                  <span className="segment-text">{segment.text}</span>
                </li>
              );
            })}
          </ol>
          <p className="hint">{t(preview.autoSpeakers ? 'transcription.dialog.autoSpeakersUsedHint' : 'transcription.dialog.autoSpeakers')}</p>
          <div className="field">
            <label htmlFor={`${id}-section`}>{t('transcription.dialog.section')}</label>
            <select id={`${id}-section`} value={sectionIndex} onChange={(event) => setSectionIndex(Number(event.target.value))}>
              {sections.map((section, index) => <option key={section.key} value={index}>{section.title}</option>)}
            </select>
          </div>
        </div>
      )}
    </Dialog>
  );
}
