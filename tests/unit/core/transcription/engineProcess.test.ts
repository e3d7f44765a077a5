import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TranscribeOptions } from '../../../../electron/core/transcription/engine';
import { type EngineChild, forkEngine, processEngine } from '../../../../electron/core/transcription/engineProcess';
import type { FromEngine } from '../../../../electron/core/transcription/engineProtocol';
import { serveEngine } from '../../../../electron/core/transcription/engineServer';
import { whisperEngine } from '../../../../electron/core/transcription/whisperEngine';
import { writeTinyModel } from '../../helpers/ggmlTinyModel';
import { tempDir } from '../../helpers/tempDir';

/**
 * The transcription engine in a process of its own (ADR 0022): whatever the engine does (abort in
 * native code, hang, grow, answer garbage), the job fails with a named error, the process is gone
 * afterwards, and the process that started it (here the test, in the app the backend host) lives.
 */
const FAKE_CHILD = join(import.meta.dirname, 'fakeEngineChild.ts');
const OPTIONS: TranscribeOptions = { language: 'nl', modelPath: '/nonexistent/model.bin' };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

/** Forks the fake engine in `mode`, and remembers the child so the test can look at its pid. */
function fake(mode: string) {
  const children: EngineChild[] = [];
  const spawn = (): EngineChild => {
    const child = forkEngine(FAKE_CHILD, [mode]);
    children.push(child);
    return child;
  };
  return { spawn, children };
}

function tone(seconds: number): Int16Array {
  const pcm = new Int16Array(seconds * 16_000);
  for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(Math.sin((i * 2 * Math.PI * 220) / 16_000) * 8000);
  return pcm;
}

describe('the transcription engine process', () => {
  it('carries the whole PCM over the channel in chunks and the segments back', async () => {
    const { spawn, children } = fake('echo');
    const engine = processEngine({ spawn, threads: 1 });
    // 70 s: three chunks of 1 MB, the last one partial.
    const pcm = new Int16Array(70 * 16_000);
    let sum = 0;
    for (let i = 0; i < pcm.length; i++) {
      pcm[i] = (i * 7919) % 65_536 - 32_768;
      sum += pcm[i]!;
    }
    const progress: number[] = [];
    const segments = await engine.transcribe(pcm, OPTIONS, (p) => progress.push(p.percent), new AbortController().signal);
    expect(segments).toHaveLength(70);
    expect(segments[0]).toEqual({ startMs: 0, endMs: 1000, text: `nl ${sum}` });
    expect(progress).toEqual([50]);
    expect(await until(() => !alive(children[0]!.pid!), 5_000)).toBe(true);
  }, 30_000);

  it('kills an engine that never answers when the job is cancelled: stop first, SIGKILL after the grace period', async () => {
    const { spawn, children } = fake('never');
    const engine = processEngine({ spawn, threads: 1, stopGraceMs: 500 });
    const controller = new AbortController();
    const running = engine.transcribe(tone(2), OPTIONS, () => undefined, controller.signal);
    await until(() => children.length === 1, 5_000);
    setTimeout(() => controller.abort(), 300);
    const cancelledAt = await running.then(() => null, (error: { code: string }) => (error.code === 'TRANSCRIPTION_CANCELLED' ? Date.now() : null));
    expect(cancelledAt).not.toBeNull();
    const pid = children[0]!.pid!;
    // Answered at once; the process is asked to stop and, as it ignores that, killed.
    expect(alive(pid)).toBe(true);
    expect(await until(() => !alive(pid), 5_000)).toBe(true);
    expect(Date.now() - cancelledAt!).toBeGreaterThanOrEqual(400);
  }, 30_000);

  it('kills an engine that never answers at the deadline (TRANSCRIPTION_TIMEOUT)', async () => {
    const { spawn, children } = fake('never');
    const engine = processEngine({ spawn, threads: 1, stopGraceMs: 200, deadlineMs: () => 1_000 });
    await expect(engine.transcribe(tone(2), OPTIONS, () => undefined, new AbortController().signal)).rejects.toMatchObject({ code: 'TRANSCRIPTION_TIMEOUT' });
    expect(await until(() => !alive(children[0]!.pid!), 5_000)).toBe(true);
  }, 30_000);

  it('kills an engine whose main thread is stuck (no heartbeat), at cancel and when it goes silent', async () => {
    const first = fake('busy');
    const controller = new AbortController();
    const cancelled = processEngine({ spawn: first.spawn, threads: 1, stopGraceMs: 300 })
      .transcribe(tone(1), OPTIONS, () => undefined, controller.signal);
    setTimeout(() => controller.abort(), 500);
    await expect(cancelled).rejects.toMatchObject({ code: 'TRANSCRIPTION_CANCELLED' });
    expect(await until(() => !alive(first.children[0]!.pid!), 5_000)).toBe(true);

    const second = fake('busy');
    const silent = processEngine({ spawn: second.spawn, threads: 1, silenceMs: 1_500 })
      .transcribe(tone(1), OPTIONS, () => undefined, new AbortController().signal);
    await expect(silent).rejects.toMatchObject({ code: 'TRANSCRIPTION_CRASHED' });
    expect(await until(() => !alive(second.children[0]!.pid!), 5_000)).toBe(true);
  }, 30_000);

  it('kills an engine above its memory bound (native memory, outside any V8 heap limit)', async () => {
    const { spawn, children } = fake('grow');
    const engine = processEngine({ spawn, threads: 1, maxRssBytes: () => 400 * 1024 * 1024 });
    await expect(engine.transcribe(tone(1), OPTIONS, () => undefined, new AbortController().signal)).rejects.toMatchObject({ code: 'TRANSCRIPTION_OUT_OF_MEMORY' });
    expect(await until(() => !alive(children[0]!.pid!), 5_000)).toBe(true);
  }, 30_000);

  it('refuses an answer that is not in the protocol', async () => {
    const { spawn, children } = fake('garbage');
    const engine = processEngine({ spawn, threads: 1 });
    await expect(engine.transcribe(tone(1), OPTIONS, () => undefined, new AbortController().signal)).rejects.toMatchObject({ code: 'TRANSCRIPTION_FAILED' });
    expect(await until(() => !alive(children[0]!.pid!), 5_000)).toBe(true);
  }, 30_000);

  it('is refused by the engine when the host sends PCM out of order or a message it does not know', () => {
    for (const messages of [
      [{ kind: 'start', modelPath: '/m.bin', language: 'nl', threads: 1, sampleCount: 4 }, { kind: 'pcm', seq: 1, bytes: new Uint8Array(4) }],
      [{ kind: 'start', modelPath: '/m.bin', language: 'nl', threads: 1, sampleCount: 4 }, { kind: 'pcm', seq: 0, bytes: new Uint8Array(3) }],
      [{ kind: 'run' }],
      [{ kind: 'eval', code: 'process.exit()' }],
    ]) {
      const sent: FromEngine[] = [];
      let listener: (message: unknown) => void = () => undefined;
      const exits: number[] = [];
      let ran = false;
      serveEngine({ post: (m) => sent.push(m), onMessage: (l) => { listener = l; } }, async () => { ran = true; return []; }, (code) => exits.push(code));
      for (const message of messages) listener(message);
      expect(sent.filter((m) => m.kind !== 'heartbeat')).toEqual([{ kind: 'failed', code: 'VALIDATION' }]);
      expect(ran).toBe(false);
    }
  });

  it('fails with TRANSCRIPTION_CRASHED when whisper.cpp aborts on a crafted model, and this process transcribes again', async () => {
    const dir = tempDir();
    const crafted = join(dir, 'crafted.bin');
    // The header says q4_0 while the tensors are f32: whisper.cpp 1.1.3 hits GGML_ASSERT and abort()s.
    writeTinyModel(crafted, { ftype: 2 });
    await expect(whisperEngine.transcribe(tone(2), { language: 'nl', modelPath: crafted }, () => undefined, new AbortController().signal))
      .rejects.toMatchObject({ code: 'TRANSCRIPTION_CRASHED' });
    const good = join(dir, 'tiny.bin');
    writeTinyModel(good);
    const segments = await whisperEngine.transcribe(tone(2), { language: 'nl', modelPath: good }, () => undefined, new AbortController().signal);
    expect(Array.isArray(segments)).toBe(true);
  }, 60_000);
});
