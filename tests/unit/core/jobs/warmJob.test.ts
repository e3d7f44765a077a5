import { describe, expect, it } from 'vitest';
import { runWarmJob } from '../../../../electron/core/jobs/warmJob';
import { AppError } from '../../../../shared/errors';
import { codes, context, dialogue, docFor, leaf, para, student, template } from '../export/docxFixtures';

const job = () => ({ kind: 'dialogue', input: { student, dialogue: dialogue({ template: template('intake'), content: docFor(template('intake'), { goal: [para(leaf('Ik wil kok worden.'))] }) }), codes }, options: { includePrivate: false, tagsAsComments: false }, ctx: context({}) });
const LIMITS = { maxHeapMb: 512, deadlineMs: 60_000 };

describe('the warm export worker', () => {
  it('builds documents one after another, and a task that overruns its deadline fails alone', async () => {
    const first = await runWarmJob<Uint8Array>('docxBuild', job(), LIMITS);
    expect(Buffer.from(first).subarray(0, 2).toString('latin1')).toBe('PK');
    // A deadline no build can meet: FILE_TIMEOUT, and the worker is replaced, not reused half-way.
    const late = await runWarmJob('docxBuild', job(), { ...LIMITS, deadlineMs: 1 }).catch((error: unknown) => error);
    expect(late).toBeInstanceOf(AppError);
    expect((late as AppError).code).toBe('FILE_TIMEOUT');
    const after = await runWarmJob<Uint8Array>('docxBuild', job(), LIMITS);
    expect(Buffer.compare(Buffer.from(after), Buffer.from(first))).toBe(0);
  }, 60_000);

  it('answers a broken task with an error and serves the next one', async () => {
    const broken = await runWarmJob('docxBuild', { kind: 'dialogue', input: null, options: null, ctx: null }, LIMITS).catch((error: unknown) => error);
    expect((broken as AppError).code).toBe('INTERNAL');
    const next = await runWarmJob<Uint8Array>('docxBuild', job(), LIMITS);
    expect(next.byteLength).toBeGreaterThan(1000);
  }, 60_000);
});
