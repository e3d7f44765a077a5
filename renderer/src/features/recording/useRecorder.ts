import { useCallback, useEffect, useRef, useState } from 'react';
import { RECORDER_MIME } from '../../../../shared/recordingSchemas';
import type { Recording } from '../../../../shared/recordingSchemas';
import { getApi } from '../../api';
import { ACTIVITY_EVENT } from '../../app/useIdleLock';

/** About a second of audio per chunk: a crash loses at most the chunk on its way. */
export const TIMESLICE_MS = 1000;
/** Speech in Opus at 32 kbit/s: clear for listening and transcription, about 14 MB an hour. */
const AUDIO_BITS_PER_SECOND = 32_000;

export type RecorderPhase = 'idle' | 'starting' | 'recording' | 'paused' | 'stopping';

/** Why a recording stopped or did not start; each has its own translated message (recording.recorder.*). */
export type RecorderProblem =
  | { kind: 'denied' } | { kind: 'noMicrophone' } | { kind: 'busy' } | { kind: 'unsupported' }
  | { kind: 'unplugged' } | { kind: 'failed' }
  | { kind: 'api'; error: unknown }
  | { kind: 'chunkFailed'; error: unknown };

export interface RecorderState {
  phase: RecorderPhase;
  elapsedMs: number;
  problem: RecorderProblem | null;
}

interface Live {
  stream: MediaStream;
  recorder: MediaRecorder;
  recordingId: string;
  seq: number;
  /** Chunks are sent one after another, in order: each waits for the one before. */
  queue: Promise<void>;
  failed: boolean;
  /** Active time: what ran before the last resume, and when the current run started. */
  runMs: number;
  runStart: number | null;
  stopReason: RecorderProblem | null;
}

function problemOf(error: unknown): RecorderProblem {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return { kind: 'denied' };
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return { kind: 'noMicrophone' };
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return { kind: 'busy' };
  return { kind: 'failed' };
}

const elapsedOf = (live: Live, now: number) => live.runMs + (live.runStart === null ? 0 : now - live.runStart);

/**
 * Records the dialogue's audio with MediaRecorder (Opus in WebM), sending each chunk of about a
 * second to the backend as it comes (`recordings:appendChunk`, in order, one at a time), where it
 * is committed before it is acknowledged. A microphone that goes away (track `ended`), a
 * recorder error or a chunk the backend refuses stop the recording; what was stored is kept and
 * the recording is finished as it is. `onFinished` hears every recording that was kept.
 */
export function useRecorder(dialogueId: string, onFinished: (recording: Recording | null) => void) {
  const [state, setState] = useState<RecorderState>({ phase: 'idle', elapsedMs: 0, problem: null });
  const live = useRef<Live | null>(null);
  const finishedRef = useRef(onFinished);
  finishedRef.current = onFinished;

  // The elapsed time on screen, four times a second; nothing heavier runs on this timer.
  useEffect(() => {
    if (state.phase !== 'recording') return;
    const timer = window.setInterval(() => {
      const current = live.current;
      if (current) setState((previous) => ({ ...previous, elapsedMs: elapsedOf(current, performance.now()) }));
    }, 250);
    return () => window.clearInterval(timer);
  }, [state.phase]);

  const stopWith = useCallback((reason: RecorderProblem | null) => {
    const current = live.current;
    if (!current) return;
    current.stopReason ??= reason;
    if (current.recorder.state !== 'inactive') {
      setState((previous) => ({ ...previous, phase: 'stopping' }));
      // Flushes the last chunk (dataavailable), then onstop finishes the recording.
      current.recorder.stop();
    }
  }, []);

  const start = useCallback(async () => {
    if (live.current) return;
    if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
      setState({ phase: 'idle', elapsedMs: 0, problem: { kind: 'unsupported' } });
      return;
    }
    setState({ phase: 'starting', elapsedMs: 0, problem: null });
    let stream: MediaStream;
    try {
      // Audio only: the session's permission handler refuses video anyway.
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true }, video: false });
    } catch (error) {
      setState({ phase: 'idle', elapsedMs: 0, problem: problemOf(error) });
      return;
    }
    const stopTracks = () => stream.getTracks().forEach((track) => track.stop());
    const mimeType = MediaRecorder.isTypeSupported(RECORDER_MIME) ? RECORDER_MIME : 'audio/webm';
    let recordingId: string;
    try {
      recordingId = (await getApi().recordings.start({ dialogueId, mime: mimeType })).id;
    } catch (error) {
      stopTracks();
      setState({ phase: 'idle', elapsedMs: 0, problem: { kind: 'api', error } });
      return;
    }
    let recorder: MediaRecorder;
    try {
      recorder = new MediaRecorder(stream, { mimeType, audioBitsPerSecond: AUDIO_BITS_PER_SECOND });
    } catch {
      stopTracks();
      await getApi().recordings.delete({ recordingId }).catch(() => undefined);
      setState({ phase: 'idle', elapsedMs: 0, problem: { kind: 'unsupported' } });
      return;
    }
    const current: Live = {
      stream, recorder, recordingId, seq: 0, queue: Promise.resolve(), failed: false, runMs: 0, runStart: null, stopReason: null,
    };
    live.current = current;

    recorder.ondataavailable = (event: BlobEvent) => {
      if (event.data.size === 0 || current.failed) return;
      const seq = current.seq++;
      const elapsedMs = Math.round(elapsedOf(current, performance.now()));
      // A recording counts as the mentor being active: the idle lock waits while it runs.
      window.dispatchEvent(new Event(ACTIVITY_EVENT));
      current.queue = current.queue.then(async () => {
        if (current.failed) return;
        try {
          const bytes = new Uint8Array(await event.data.arrayBuffer());
          await getApi().recordings.appendChunk({ recordingId, seq, bytes, elapsedMs });
        } catch (error) {
          current.failed = true;
          stopWith({ kind: 'chunkFailed', error });
        }
      });
    };
    recorder.onerror = () => stopWith({ kind: 'failed' });
    recorder.onpause = () => {
      if (current.runStart !== null) current.runMs += performance.now() - current.runStart;
      current.runStart = null;
      setState((previous) => ({ ...previous, phase: 'paused', elapsedMs: current.runMs }));
    };
    recorder.onresume = () => {
      current.runStart = performance.now();
      setState((previous) => ({ ...previous, phase: 'recording' }));
    };
    recorder.onstop = () => {
      if (current.runStart !== null) current.runMs += performance.now() - current.runStart;
      current.runStart = null;
      stopTracks();
      void current.queue.then(async () => {
        let finished: Recording | null = null;
        try {
          finished = await getApi().recordings.finish({ recordingId, durationMs: Math.round(current.runMs) });
        } catch (error) {
          current.stopReason ??= { kind: 'api', error };
        }
        live.current = null;
        setState({ phase: 'idle', elapsedMs: Math.round(current.runMs), problem: current.stopReason });
        finishedRef.current(finished);
      });
    };
    // An unplugged microphone ends its track; the recorder then stops with what it has.
    for (const track of stream.getAudioTracks()) track.addEventListener('ended', () => stopWith({ kind: 'unplugged' }));

    current.runStart = performance.now();
    recorder.start(TIMESLICE_MS);
    setState({ phase: 'recording', elapsedMs: 0, problem: null });
  }, [dialogueId, stopWith]);

  const pause = useCallback(() => {
    if (live.current?.recorder.state === 'recording') live.current.recorder.pause();
  }, []);
  const resume = useCallback(() => {
    if (live.current?.recorder.state === 'paused') live.current.recorder.resume();
  }, []);
  const stop = useCallback(() => stopWith(null), [stopWith]);

  // Leaving the dialogue stops the recording; its chunks are already stored, onstop finishes it.
  useEffect(() => () => {
    const current = live.current;
    if (current && current.recorder.state !== 'inactive') current.recorder.stop();
  }, []);

  return { state, start, pause, resume, stop };
}
