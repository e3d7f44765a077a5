import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { annotationQuotes, countWords, docText, emptyDoc, type DialogueDoc } from '../../../shared/editorDoc';
import { applyDocPatch, type DocPatch } from '../../../shared/docPatch';
import { dialogueSummaries, dialogueView } from '../domain/dialogueView';
import type { DialogueRecord } from '../repositories/dialogueRepository';
import { indexDialogue } from '../search/searchIndex';
import type { Services } from '../services';
import type { HandlerContext, HandlerGroup } from './context';
import { transact } from './transact';

function checkPlacement(services: Services, placementId: string | null, studentId: string): void {
  if (placementId && services.placements.get(placementId).studentId !== studentId) {
    throw new AppError('VALIDATION', { field: 'placementId' });
  }
}

function draft(services: Services, id: string): DialogueRecord {
  const record = services.dialogues.get(id);
  if (record.status === 'final') throw new AppError('READ_ONLY');
  return record;
}

/** A revision other than the stored one means another window saved in between. */
function current(services: Services, id: string, revision: number): DialogueRecord {
  const record = draft(services, id);
  if (record.revision !== revision) throw new AppError('CONFLICT');
  return record;
}

/** Stores a new revision of a draft's text, re-indexes it and refreshes its tags' quotes. */
function saveDocument(ctx: HandlerContext, services: Services, record: DialogueRecord, content: DialogueDoc) {
  checkSections(services, record, content);
  const wordCount = countWords(docText(content));
  const savedAt = ctx.nowIso();
  services.dialogues.saveContent(record.id, record.revision, content, wordCount, savedAt);
  indexDialogue(services.db, record.id);
  // Orphans (marks gone) get an empty quote but stay, so that an undo in the editor brings them back.
  const quotes = annotationQuotes(content);
  for (const annotation of services.annotations.listByDialogue(record.id)) {
    services.annotations.setQuote(annotation.id, quotes.get(annotation.id) ?? '');
  }
  return { revision: record.revision + 1, wordCount, savedAt, annotations: services.annotations.listByDialogue(record.id) };
}

/** The editor can add and remove text, never sections: they are fixed by the template version. */
function checkSections(services: Services, record: DialogueRecord, content: DialogueDoc): void {
  const expected = services.templates.version(record.templateVersionId).sections.map((section) => section.key);
  const actual = content.map((section) => section.sectionKey);
  if (actual.length !== expected.length || actual.some((key, index) => key !== expected[index])) {
    throw new AppError('VALIDATION', { field: 'content' });
  }
}

export const dialogueHandlers: HandlerGroup<'dialogues'> = {
  'dialogues:list': async ({ studentId }, ctx) => {
    const language = await ctx.preferences.language();
    const services = ctx.services();
    services.students.get(studentId);
    return dialogueSummaries(services, studentId, language);
  },
  'dialogues:create': async ({ studentId, templateVersionId, heldOn, title, participants, placementId }, ctx) => {
    const language = await ctx.preferences.language();
    const services = ctx.services();
    return transact(ctx, () => {
      services.students.get(studentId);
      const version = services.templates.version(templateVersionId);
      checkPlacement(services, placementId, studentId);
      const id = randomUUID();
      const content = emptyDoc(version.sections.map((section) => section.key));
      services.dialogues.insert({ id, studentId, templateVersionId, placementId, kind: version.kind, heldOn, title, content }, ctx.nowIso());
      services.dialogues.replaceParticipants(id, participants);
      return dialogueView(services, id, language);
    });
  },
  'dialogues:get': async ({ id }, ctx) => dialogueView(ctx.services(), id, await ctx.preferences.language()),
  'dialogues:save': ({ id, revision, content }, ctx) => {
    const services = ctx.services();
    return transact(ctx, () => saveDocument(ctx, services, current(services, id, revision), content as DialogueDoc));
  },
  'dialogues:savePatch': ({ id, revision, patch }, ctx) => {
    const services = ctx.services();
    return transact(ctx, () => {
      const record = current(services, id, revision);
      let content: DialogueDoc;
      try {
        content = applyDocPatch(record.content, patch as DocPatch);
      } catch {
        throw new AppError('VALIDATION', { field: 'patch' });
      }
      return saveDocument(ctx, services, record, content);
    });
  },
  'dialogues:updateDetails': async ({ id, heldOn, title, participants, placementId }, ctx) => {
    const language = await ctx.preferences.language();
    const services = ctx.services();
    return transact(ctx, () => {
      const record = draft(services, id);
      checkPlacement(services, placementId, record.studentId);
      services.dialogues.updateDetails(id, { heldOn, title, placementId }, ctx.nowIso());
      services.dialogues.replaceParticipants(id, participants);
      return dialogueView(services, id, language);
    });
  },
  'dialogues:finalise': async ({ id, revision }, ctx) => {
    const language = await ctx.preferences.language();
    const services = ctx.services();
    return transact(ctx, ({ audit }) => {
      current(services, id, revision);
      // Once final there is no undo that could bring an orphan back.
      const orphansRemoved = services.annotations.deleteOrphans(id);
      services.dialogues.finalise(id, revision, ctx.nowIso());
      audit('dialogue.finalised', { orphansRemoved });
      return dialogueView(services, id, language);
    });
  },
  'dialogues:addAmendment': ({ id, text }, ctx) => {
    const services = ctx.services();
    return transact(ctx, () => {
      // A draft is still edited in place; amendments are for what is locked.
      if (services.dialogues.get(id).status !== 'final') throw new AppError('VALIDATION', { field: 'status' });
      return services.amendments.create(id, text, ctx.nowIso());
    });
  },
};
