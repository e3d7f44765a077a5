import { AppError } from '../../../shared/errors';
import { getRecording, storeImportedRecording } from '../repositories/recordingRepository';
import { readBounded, sniffAudio } from '../transcription/audioImport';
import type { TranscriptionService } from '../transcription/transcriptionService';
import type { HandlerContext, HandlerGroup } from './context';
import { transact } from './transact';

function service(ctx: HandlerContext): TranscriptionService {
  if (!ctx.transcription) throw new AppError('INTERNAL');
  return ctx.transcription;
}

/** Speech models (issue 17): files in the data folder, usable while the vault is unlocked. */
export const modelHandlers: HandlerGroup<'models'> = {
  'models:list': (_request, ctx) => {
    ctx.services();
    return service(ctx).models.list();
  },
  'models:import': (_request, ctx) => {
    ctx.services();
    return service(ctx).importModel();
  },
  'models:confirm': ({ id }, ctx) => {
    ctx.services();
    return service(ctx).models.confirm(id);
  },
  'models:setActive': ({ id }, ctx) => {
    ctx.services();
    return service(ctx).models.setActive(id);
  },
  'models:remove': ({ id }, ctx) => {
    ctx.services();
    return service(ctx).models.remove(id);
  },
  'models:speakers': (_request, ctx) => {
    ctx.services();
    return service(ctx).speakerModels.status();
  },
  'models:importSpeaker': (_request, ctx) => {
    ctx.services();
    return service(ctx).importSpeakerModel();
  },
  'models:confirmSpeaker': ({ kind }, ctx) => {
    ctx.services();
    return service(ctx).speakerModels.confirm(kind);
  },
  'models:removeSpeaker': ({ kind }, ctx) => {
    ctx.services();
    return service(ctx).speakerModels.remove(kind);
  },
};

/** Transcription of a dialogue's recording as a background job; its text is never stored here. */
export const transcriptionHandlers: HandlerGroup<'transcription'> = {
  'transcription:start': (request, ctx) => {
    const recording = getRecording(ctx.services().db, request.recordingId);
    if (recording.dialogueId !== request.dialogueId) throw new AppError('NOT_FOUND');
    return service(ctx).start(request);
  },
  'transcription:pcm': ({ jobId, seq, bytes }, ctx) => {
    ctx.services();
    return service(ctx).receive(jobId, seq, bytes);
  },
  'transcription:run': ({ jobId }, ctx) => {
    ctx.services();
    return service(ctx).run(jobId);
  },
  'transcription:result': ({ jobId }, ctx) => {
    ctx.services();
    return service(ctx).result(jobId);
  },
  'transcription:cancel': ({ jobId }, ctx) => service(ctx).cancel(jobId),
};

/** Audio import: the host reads (bounded) and sniffs the file; the renderer decodes it before it is stored. */
export const audioHandlers: HandlerGroup<'audio'> = {
  'audio:pick': async ({ dialogueId }, ctx) => {
    ctx.services().dialogues.get(dialogueId);
    if (!ctx.openFilePicker) throw new AppError('NOT_FOUND');
    const path = await ctx.openFilePicker.choose('audio');
    if (!path) return null;
    const bytes = await readBounded(path);
    const mime = sniffAudio(bytes);
    return { token: service(ctx).audio.put(dialogueId, mime, bytes), mime, bytes };
  },
  'audio:store': ({ token, durationMs }, ctx) => {
    const pending = service(ctx).audio.take(token);
    return transact(ctx, ({ services, audit }) => {
      const recording = storeImportedRecording(services.db, { dialogueId: pending.dialogueId, mime: pending.mime, bytes: pending.bytes, durationMs }, ctx.nowIso());
      audit('recording.made', { source: 'imported', seconds: Math.round(durationMs / 1000) });
      return recording;
    });
  },
};
