import { serveEngine, type EngineRun } from '../../../../electron/core/transcription/engineServer';

/**
 * An engine process that misbehaves as whisper.cpp might, for the host's side to deal with:
 * - `never`: never answers and ignores stop (a native call that never returns);
 * - `busy`: blocks its own main thread after `run`, so even the heartbeat stops;
 * - `grow`: keeps allocating native memory (Buffers outside the V8 heap) until it is killed;
 * - `garbage`: answers with a message that is not in the protocol;
 * - `echo`: answers with one segment per second of audio (the channel carries the PCM whole).
 * Forked by engineProcess.test.ts exactly as the host forks the real entry.
 */
const mode = process.argv[2];
const held: Buffer[] = [];

const runs: Record<string, EngineRun> = {
  never: () => new Promise(() => undefined),
  busy: () => {
    for (;;) { /* stuck, as in a native call on the main thread */ }
  },
  grow: () => new Promise(() => {
    setInterval(() => held.push(Buffer.alloc(32 * 1024 * 1024, 1)), 20);
  }),
  garbage: () => {
    process.send?.({ kind: 'segments', text: 'unexpected' });
    return new Promise(() => undefined);
  },
  echo: async (input, onProgress) => {
    onProgress(50);
    let sum = 0;
    for (const sample of input.pcm) sum += sample;
    const seconds = Math.round(input.pcm.length / 16_000);
    return Array.from({ length: seconds }, (_, i) => ({ startMs: i * 1000, endMs: (i + 1) * 1000, text: `${input.language} ${sum}` }));
  },
};

process.on('disconnect', () => process.exit(0));
serveEngine({
  post: (message) => {
    process.send?.(message);
  },
  onMessage: (listener) => process.on('message', listener),
}, runs[mode ?? ''] ?? runs.never!);
