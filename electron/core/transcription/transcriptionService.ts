import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { BackendEvent } from '../../../shared/events';
import {
  MAX_TRANSCRIBE_SAMPLES, PCM_SAMPLE_RATE, type Segment, type TranscriptionResult,
} from '../../../shared/transcriptionSchemas';
import type { OpenFilePicker } from '../backup/openFilePicker';
import { logEvent } from '../log';
import { PendingAudio } from './audioImport';
import { normaliseSegments, type TranscriptionEngine } from './engine';
import { ModelStore } from './modelStore';
import { inspectSpeakerModelInJob, SpeakerModelStore, type SpeakerModelStoreOptions } from './speakerModelStore';
import { assignSpeakers, type SpeakerSpan } from './speakerTurns';
import type { EngineSpawner } from './engineProcess';
import { inspectModelInJob, whisperEngine, whisperProcessEngine } from './whisperEngine';

interface Job {
  id: string;
  dialogueId: string;
  recordingId: string;
  language: 'nl' | 'en';
  pcm: Int16Array;
  received: number;
  nextSeq: number;
  state: 'receiving' | 'running' | 'done' | 'failed';
  controller: AbortController;
  result?: TranscriptionResult;
}

export interface TranscriptionServiceOptions {
  dataDir: string;
  onEvent: (event: BackendEvent) => void;
  now: () => number;
  /** Tests and the tour give a fake; the app runs whisper.cpp in a process of its own. */
  engine?: TranscriptionEngine | undefined;
  /** How that process is started (the app asks Electron main); the default forks it. */
  engineSpawner?: EngineSpawner | undefined;
  freeMemory?: (() => number) | undefined;
  openFilePicker?: OpenFilePicker | undefined;
  /** Tests: the speaker model's inspection without a worker. */
  inspectSpeakerModel?: SpeakerModelStoreOptions['inspect'] | undefined;
}

/** At most this many jobs at once (the PCM of each is held in memory until it runs). */
const MAX_JOBS = 2;

/**
 * Transcription as a background job (issue 17). The renderer decodes the recording and sends
 * 16 kHz mono Int16 PCM in chunks; `run` starts the engine, which reports progress as events;
 * the segments are fetched once with `result`. The host keeps answering meanwhile: the real
 * engine is a process of its own (a native crash there ends only it), and the PCM never touches
 * the disk. Locking the vault ends every job
 * (its audio and text are student data held in memory).
 */
export class TranscriptionService {
  readonly models: ModelStore;
  /** The school's speaker-separation models, when it added them (ADR 0024). */
  readonly speakerModels: SpeakerModelStore;
  /** A picked audio file waiting to be decoded and stored (audio:pick → audio:store). */
  readonly audio: PendingAudio;
  private readonly jobs = new Map<string, Job>();
  private readonly engine: TranscriptionEngine;

  constructor(private readonly options: TranscriptionServiceOptions) {
    this.engine = options.engine ?? (options.engineSpawner ? whisperProcessEngine(options.engineSpawner) : whisperEngine);
    this.audio = new PendingAudio(options.now);
    this.models = new ModelStore({
      dataDir: options.dataDir, inspect: inspectModelInJob, now: options.now,
      ...(options.freeMemory ? { freeMemory: options.freeMemory } : {}),
    });
    this.speakerModels = new SpeakerModelStore({ dataDir: options.dataDir, inspect: options.inspectSpeakerModel ?? inspectSpeakerModelInJob, now: options.now });
  }

  /** Asks for a speaker-separation model file (ONNX) and imports it; null when cancelled. */
  async importSpeakerModel(): Promise<Awaited<ReturnType<SpeakerModelStore['importFrom']>> | null> {
    if (!this.options.openFilePicker) throw new AppError('NOT_FOUND');
    const path = await this.options.openFilePicker.choose('speakerModel');
    if (!path) return null;
    return this.speakerModels.importFrom(path, basename(path));
  }

  /** Asks for a model file (an open dialog in the app) and imports it; null when cancelled. */
  async importModel(): Promise<Awaited<ReturnType<ModelStore['importFrom']>> | null> {
    if (!this.options.openFilePicker) throw new AppError('NOT_FOUND');
    const path = await this.options.openFilePicker.choose('speechModel');
    if (!path) return null;
    return this.models.importFrom(path, basename(path));
  }

  async start(input: { dialogueId: string; recordingId: string; sampleCount: number; language: 'nl' | 'en' }): Promise<{ jobId: string; model: string }> {
    if (input.sampleCount > MAX_TRANSCRIBE_SAMPLES) throw new AppError('AUDIO_TOO_LONG');
    const { entry } = await this.models.active();
    // Refused before anything loads it: the machine may have less free now than at the import.
    this.models.checkMemory(entry.memoryBytes);
    for (const [id, job] of this.jobs) if (job.state === 'done' || job.state === 'failed') this.jobs.delete(id);
    if (this.jobs.size >= MAX_JOBS) throw new AppError('CONFLICT');
    const id = randomUUID();
    this.jobs.set(id, {
      id, dialogueId: input.dialogueId, recordingId: input.recordingId, language: input.language,
      pcm: new Int16Array(input.sampleCount), received: 0, nextSeq: 0, state: 'receiving', controller: new AbortController(),
    });
    return { jobId: id, model: entry.known ?? entry.originalName };
  }

  private job(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('TRANSCRIPTION_NOT_FOUND');
    return job;
  }

  receive(jobId: string, seq: number, bytes: Uint8Array): { received: number } {
    const job = this.job(jobId);
    if (job.state !== 'receiving') throw new AppError('CONFLICT');
    if (seq !== job.nextSeq) throw new AppError('VALIDATION', { field: 'seq' });
    const samples = bytes.byteLength / 2;
    if (job.received + samples > job.pcm.length) throw new AppError('VALIDATION', { field: 'bytes' });
    // Copied sample by sample view: the chunk's buffer may be unaligned for an Int16Array.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < samples; i++) job.pcm[job.received + i] = view.getInt16(i * 2, true);
    job.received += samples;
    job.nextSeq += 1;
    return { received: job.received };
  }

  run(jobId: string): { ok: true } {
    const job = this.job(jobId);
    if (job.state !== 'receiving') throw new AppError('CONFLICT');
    if (job.received !== job.pcm.length) throw new AppError('VALIDATION', { field: 'sampleCount' });
    job.state = 'running';
    void this.execute(job);
    return { ok: true };
  }

  private async execute(job: Job): Promise<void> {
    const started = this.options.now();
    const audioMs = Math.round((job.pcm.length / PCM_SAMPLE_RATE) * 1000);
    try {
      const { path, entry } = await this.models.active();
      // The speaker separation follows whisper in the same engine job when both models are there.
      const speakers = await this.speakerModels.ready();
      // Filled by the engine just before the segments resolve (a holder: TypeScript cannot see the callback's write).
      const separation: { spans: SpeakerSpan[] | null } = { spans: null };
      let lastPercent = -1;
      const raw = await this.engine.transcribe(job.pcm, {
        language: job.language, modelPath: path,
        // onnxruntime holds the weights a few times over while it optimises the graphs.
        memoryBytes: entry.memoryBytes + (speakers ? speakers.bytes * 3 : 0),
        ...(speakers ? { diarization: { segmentationPath: speakers.segmentationPath, embeddingPath: speakers.embeddingPath, onSpans: (s: SpeakerSpan[] | null) => { separation.spans = s; } } } : {}),
      }, (progress) => {
        const percent = Math.max(0, Math.min(100, Math.round(progress.percent)));
        if (percent === lastPercent) return;
        lastPercent = percent;
        this.options.onEvent({ name: 'transcription:progress', payload: { jobId: job.id, percent, secondsLeft: progress.secondsLeft } });
      }, job.controller.signal);
      if (job.controller.signal.aborted) throw new AppError('TRANSCRIPTION_CANCELLED');
      const plain: Segment[] = normaliseSegments(raw, audioMs);
      // Silence (or nothing the model could read) is its own outcome, not an empty success.
      if (plain.length === 0) throw new AppError('NO_SPEECH');
      const separated = separation.spans;
      // Per segment, not merged: the mentor corrects one fragment at a time; inserting merges turns.
      const assigned = separated ? assignSpeakers(plain, separated) : null;
      const segments: Segment[] = assigned ? plain.map((s, i) => ({ ...s, speaker: assigned[i] ?? null })) : plain;
      if (speakers && !separated) logEvent('diarization.skipped');
      job.result = {
        segments, model: entry.known ?? entry.originalName, language: job.language, audioMs, elapsedMs: this.options.now() - started,
        autoSpeakers: separated !== null,
      };
      job.state = 'done';
      job.pcm = new Int16Array(0);
      this.options.onEvent({ name: 'transcription:finished', payload: { jobId: job.id, segmentCount: segments.length } });
      logEvent('transcription.done', { seconds: Math.round(audioMs / 1000), segments: segments.length, elapsedMs: job.result.elapsedMs });
    } catch (error) {
      job.state = 'failed';
      job.pcm = new Int16Array(0);
      const code = error instanceof AppError ? error.code : 'TRANSCRIPTION_FAILED';
      logEvent('transcription.failed', { code });
      this.options.onEvent({ name: 'transcription:failed', payload: { jobId: job.id, code } });
    }
  }

  /** The segments of a finished job, once; the job is forgotten afterwards. */
  result(jobId: string): TranscriptionResult {
    const job = this.job(jobId);
    if (job.state !== 'done' || !job.result) throw new AppError(job.state === 'failed' ? 'TRANSCRIPTION_FAILED' : 'CONFLICT');
    this.jobs.delete(jobId);
    return job.result;
  }

  cancel(jobId: string): { ok: true } {
    const job = this.jobs.get(jobId);
    if (!job) return { ok: true };
    job.controller.abort();
    this.jobs.delete(jobId);
    return { ok: true };
  }

  /** The vault locked: every job ends and its audio and text are dropped. */
  cancelAll(): void {
    for (const job of this.jobs.values()) job.controller.abort();
    this.jobs.clear();
    this.audio.clear();
  }
}
