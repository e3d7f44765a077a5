import { availableParallelism } from 'node:os';
import { AppError } from '../../../shared/errors';
import { runLimitedJob } from '../jobs/limitedJob';
import type { ModelHeader } from './modelFile';
import type { TranscriptionEngine } from './engine';
import { type EngineSpawner, forkEngine, processEngine } from './engineProcess';

export { transcriptionDeadlineMs } from './engineProcess';

/** Walks a model file's header and tensors in a limited job (the file is the user's pick; plain JS, no native code). */
export function inspectModelInJob(path: string): Promise<ModelHeader> {
  return runLimitedJob<ModelHeader>('transcribe', { op: 'inspect', path }, { maxHeapMb: 256, deadlineMs: 30_000 });
}

const threads = (): number => Math.max(1, Math.min(8, availableParallelism() - 1));

/**
 * The real engine: whisper.cpp through @fugood/whisper.node in a process of its own per
 * transcription (ADR 0022). `spawn` starts that process: the built app asks Electron main for a
 * utility process (the runAsNode fuse is off, so the host cannot fork the Electron binary as
 * Node); from sources the host forks the same entry with tsx.
 */
// Until main starts the engine as a utility process for the bundled host, a bundled host must not
// fork: process.execPath is Electron there and the runAsNode fuse is off (it would throw or start
// a second app). It answers TRANSCRIPTION_FAILED instead; see ADR 0022's open part.
const bundled = import.meta.url.endsWith('.cjs');
const defaultSpawner: EngineSpawner = () => {
  if (bundled) throw new AppError('TRANSCRIPTION_FAILED');
  return forkEngine();
};

export function whisperProcessEngine(spawn: EngineSpawner = defaultSpawner): TranscriptionEngine {
  return processEngine({ spawn, threads: threads() });
}

export const whisperEngine: TranscriptionEngine = whisperProcessEngine();
