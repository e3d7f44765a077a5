import {
  activeConsent, appendChunk, checkpointAfterDelete, deleteRecording, finishRecording, listRecordings, readRecording, registerConsent,
  revokeConsent, startRecording,
} from '../repositories/recordingRepository';
import type { HandlerGroup } from './context';
import { transact } from './transact';

/** Consent to record (issue 17): shown and revocable on the student page. Audit events carry no content. */
export const consentHandlers: HandlerGroup<'consent'> = {
  'consent:get': ({ studentId }, ctx) => {
    const { db, students } = ctx.services();
    students.get(studentId);
    return activeConsent(db, studentId);
  },
  'consent:register': (fields, ctx) => transact(ctx, ({ services, audit }) => {
    const consent = registerConsent(services.db, fields, ctx.nowIso());
    audit('consent.registered', { givenBy: consent.givenBy });
    return consent;
  }),
  /** Revoking deletes every recording of the student (the renderer asks first). */
  'consent:revoke': ({ studentId }, ctx) => {
    const deleted = transact(ctx, ({ services, audit }) => {
      const count = revokeConsent(services.db, studentId, ctx.nowIso());
      audit('consent.revoked', { recordings: count });
      return count;
    });
    if (deleted > 0) checkpointAfterDelete(ctx.services().db);
    return { deletedRecordings: deleted };
  },
};

/** Audio recorded in the app, chunk by chunk, each chunk committed before it is acknowledged. */
export const recordingHandlers: HandlerGroup<'recordings'> = {
  'recordings:start': ({ dialogueId, mime }, ctx) => startRecording(ctx.services().db, { dialogueId, mime }, ctx.nowIso()),
  'recordings:appendChunk': (request, ctx) => appendChunk(ctx.services().db, request),
  'recordings:finish': ({ recordingId, durationMs }, ctx) => transact(ctx, ({ services, audit }) => {
    const before = services.db.prepare('SELECT status FROM recordings WHERE id = ?').pluck().get(recordingId);
    const recording = finishRecording(services.db, recordingId, durationMs, ctx.nowIso());
    if (before === 'recording') audit('recording.made', { source: recording.source, seconds: Math.round(recording.durationMs / 1000) });
    return recording;
  }),
  'recordings:list': ({ dialogueId }, ctx) => listRecordings(ctx.services().db, dialogueId),
  'recordings:read': ({ recordingId }, ctx) => readRecording(ctx.services().db, recordingId),
  'recordings:delete': ({ recordingId }, ctx) => {
    transact(ctx, ({ services, audit }) => {
      deleteRecording(services.db, recordingId);
      audit('recording.deleted', {});
    });
    checkpointAfterDelete(ctx.services().db);
    return { ok: true as const };
  },
};
