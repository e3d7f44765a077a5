import { createRequire } from 'node:module';

/**
 * The prebuilt whisper.cpp addon of @fugood/whisper.node for this platform (an N-API module, so
 * one build serves Node and Electron alike). Resolved in the host and loaded by path in the job
 * worker, because the job runs as an eval'd bundle that cannot resolve packages itself.
 */
export function whisperAddonPath(): string {
  const require = createRequire(import.meta.url);
  return require.resolve(`@fugood/node-whisper-${process.platform}-${process.arch}/index.node`);
}

export interface WhisperContextLike {
  transcribeData(audio: ArrayBuffer, options: Record<string, unknown>): { stop: () => Promise<void>; promise: Promise<{ segments: Array<{ text: string; t0: number; t1: number }>; isAborted: boolean }> };
  release(): Promise<void>;
}

export interface WhisperAddon {
  WhisperContext: new (options: { filePath: string; useGpu: boolean }) => WhisperContextLike;
}
