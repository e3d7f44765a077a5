import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Dialogue, DialogueSummary, Participant } from '../../../shared/dialogueSchemas';
import type { DialogueKind } from '../../../shared/domain';
import type { DialogueDoc } from '../../../shared/editorDoc';
import type { Db } from '../db/connection';

type Status = 'draft' | 'final';

interface Row {
  id: string; student_id: string; template_version_id: string; placement_id: string | null; kind: DialogueKind;
  held_on: string; title: string; content: string; word_count: number; status: Status; finalised_at: string | null;
  revision: number; created_at: string; updated_at: string;
}

/** A dialogue as stored, without what other tables hold about it. */
export interface DialogueRecord {
  id: string; studentId: string; templateVersionId: string; placementId: string | null; kind: DialogueKind;
  heldOn: string; title: string; content: Dialogue['content']; wordCount: number; status: Status; finalisedAt: string | null;
  revision: number; createdAt: string; updatedAt: string;
}

const toRecord = (row: Row): DialogueRecord => ({
  id: row.id,
  studentId: row.student_id,
  templateVersionId: row.template_version_id,
  placementId: row.placement_id,
  kind: row.kind,
  heldOn: row.held_on,
  title: row.title,
  content: JSON.parse(row.content) as Dialogue['content'],
  wordCount: row.word_count,
  status: row.status,
  finalisedAt: row.finalised_at,
  revision: row.revision,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** A summary with the template's stored name; built-in names are localised by the caller. */
export type StoredSummary = DialogueSummary & { templateBuiltinKey: string | null };

interface SummaryRow {
  id: string; student_id: string; title: string; kind: DialogueKind; held_on: string; status: Status; word_count: number;
  updated_at: string; template_name: string; builtin_key: string | null; annotation_count: number;
}

export interface NewDialogue {
  id: string; studentId: string; templateVersionId: string; placementId: string | null; kind: DialogueKind;
  heldOn: string; title: string; content: DialogueDoc;
}
export interface Details { heldOn: string; title: string; placementId: string | null }

/** SQL for dialogues and their participants. */
export class DialogueRepository {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      get: db.prepare('SELECT * FROM dialogues WHERE id = ?'),
      summaries: db.prepare(`SELECT d.id, d.student_id, d.title, d.kind, d.held_on, d.status, d.word_count, d.updated_at,
          v.name AS template_name, t.builtin_key,
          (SELECT count(*) FROM annotations a WHERE a.dialogue_id = d.id AND a.quote <> '') AS annotation_count
        FROM dialogues d JOIN template_versions v ON v.id = d.template_version_id JOIN templates t ON t.id = v.template_id
        WHERE d.student_id = ? ORDER BY d.held_on DESC, d.created_at DESC, d.rowid DESC`),
      insert: db.prepare(`INSERT INTO dialogues (id, student_id, template_version_id, placement_id, kind, held_on, title, content,
          word_count, status, revision, created_at, updated_at)
        VALUES (@id, @studentId, @templateVersionId, @placementId, @kind, @heldOn, @title, @content, 0, 'draft', 1, @now, @now)`),
      // The revision and status are checked again here so that a lost race can never overwrite.
      saveContent: db.prepare(`UPDATE dialogues SET content = @content, word_count = @wordCount, revision = revision + 1, updated_at = @now
        WHERE id = @id AND revision = @revision AND status = 'draft'`),
      updateDetails: db.prepare(`UPDATE dialogues SET held_on = @heldOn, title = @title, placement_id = @placementId, updated_at = @now
        WHERE id = @id AND status = 'draft'`),
      finalise: db.prepare(`UPDATE dialogues SET status = 'final', finalised_at = @now, updated_at = @now
        WHERE id = @id AND revision = @revision AND status = 'draft'`),
      participants: db.prepare('SELECT name, role FROM dialogue_participants WHERE dialogue_id = ? ORDER BY position, id'),
      deleteParticipants: db.prepare('DELETE FROM dialogue_participants WHERE dialogue_id = ?'),
      insertParticipant: db.prepare('INSERT INTO dialogue_participants (id, dialogue_id, name, role, position) VALUES (?, ?, ?, ?, ?)'),
    };
  }

  get(id: string): DialogueRecord {
    const row = this.statements.get.get(id) as Row | undefined;
    if (!row) throw new AppError('NOT_FOUND');
    return toRecord(row);
  }

  /** Newest conversation first. */
  summaries(studentId: string): StoredSummary[] {
    return (this.statements.summaries.all(studentId) as SummaryRow[]).map((row) => ({
      id: row.id,
      studentId: row.student_id,
      title: row.title,
      kind: row.kind,
      heldOn: row.held_on,
      status: row.status,
      templateName: row.template_name,
      templateBuiltinKey: row.builtin_key,
      wordCount: row.word_count,
      annotationCount: row.annotation_count,
      updatedAt: row.updated_at,
    }));
  }

  insert(dialogue: NewDialogue, now: string): void {
    this.statements.insert.run({ ...dialogue, content: JSON.stringify(dialogue.content), now });
  }

  saveContent(id: string, revision: number, content: DialogueDoc, wordCount: number, now: string): void {
    const result = this.statements.saveContent.run({ id, revision, content: JSON.stringify(content), wordCount, now });
    if (result.changes === 0) throw new AppError('CONFLICT');
  }

  updateDetails(id: string, details: Details, now: string): void {
    if (this.statements.updateDetails.run({ id, ...details, now }).changes === 0) throw new AppError('READ_ONLY');
  }

  finalise(id: string, revision: number, now: string): void {
    if (this.statements.finalise.run({ id, revision, now }).changes === 0) throw new AppError('CONFLICT');
  }

  participants(dialogueId: string): Participant[] {
    return this.statements.participants.all(dialogueId) as Participant[];
  }

  replaceParticipants(dialogueId: string, participants: readonly Participant[]): void {
    this.statements.deleteParticipants.run(dialogueId);
    participants.forEach((participant, position) => {
      this.statements.insertParticipant.run(randomUUID(), dialogueId, participant.name, participant.role, position);
    });
  }
}
