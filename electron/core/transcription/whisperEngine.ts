import { availableParallelism } from 'node:os';
import { runLimitedJob } from '../jobs/limitedJob';
import type { ModelHeader } from './modelFile';
import type { TranscriptionEngine } from './engine';
import { type EngineSpawner, forkEngine, oneEngineAtATime, processEngine } from './engineProcess';

export { transcriptionDeadlineMs } from './engineProcess';

/** Walks a model file's header and tensors in a limited job (the file is the user's pick; plain JS, no native code). */
export function inspectModelInJob(path: string): Promise<ModelHeader> {
  return runLimitedJob<ModelHeader>('transcribe', { op: 'inspect', path }, { maxHeapMb: 256, deadlineMs: 30_000 });
}

const threads = (): number => Math.max(1, Math.min(8, availableParallelism() - 1));

/**
 * The real engine: whisper.cpp through @fugood/whisper.node in a process of its own per
 * transcription (ADR 0022), one at a time. `spawn` starts that process: in the app the host asks
 * Electron main for a utility process (mainEngineLauncher.ts; the runAsNode fuse is off, so the
 * host cannot fork the Electron binary as Node); a host in plain Node forks the same entry.
 */
export function whisperProcessEngine(spawn: EngineSpawner = () => forkEngine()): TranscriptionEngine {
  return processEngine({ spawn: oneEngineAtATime(spawn), threads: threads() });
}

export const whisperEngine: TranscriptionEngine = whisperProcessEngine();
