import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { ANNOTATION_MARK_PREFIX, type DialogueDoc, type TextLeaf } from '../../../shared/editorDoc';
import type { Db } from '../db/connection';

import { deleteStudentSearchRows, indexDialogue } from '../search/searchIndex';
import { importRecordings } from './recordingSnapshot';
import type { StudentSnapshot } from './studentSnapshot';

/**
 * What an import does, decided by the mentor on what `handover:inspect` showed:
 * - `import`: the student is new here (checked again inside the transaction);
 * - `replace`: the local student `replaceId` (the one shown) goes, the file's student comes;
 * - `copy`: everything gets new ids, beside whatever is there.
 */
export type ImportPlan = { mode: 'import' } | { mode: 'replace'; replaceId: string; replaceName: string } | { mode: 'copy' };
export type ImportStatus = 'imported' | 'replaced' | 'copied';

export interface ImportOutcome {
  status: ImportStatus;
  studentId: string;
  /** The file's student number was not stored: another student here has it. */
  studentNumberLeftOut: boolean;
  counts: Record<string, number>;
}

/** Test-only: called between import steps, inside the transaction, to prove a failure changes nothing. */
export const importHooks: { afterStep?: ((step: string) => void) | undefined } = {};

/** Rewrites `ann_<old>` marks to `ann_<new>`; marks of unknown annotations are dropped. */
export function remapAnnotationMarks(doc: DialogueDoc, map: ReadonlyMap<string, string>): DialogueDoc {
  const leaf = (input: TextLeaf): TextLeaf => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) {
      if (key.startsWith(ANNOTATION_MARK_PREFIX)) {
        const target = map.get(key.slice(ANNOTATION_MARK_PREFIX.length));
        if (target) out[`${ANNOTATION_MARK_PREFIX}${target}`] = value;
      } else {
        out[key] = value;
      }
    }
    return out as unknown as TextLeaf;
  };
  return doc.map((section) => ({
    ...section,
    children: section.children.map((block) => (block.type === 'paragraph'
      ? { ...block, children: block.children.map(leaf) }
      : { ...block, children: block.children.map((item) => ({ ...item, children: item.children.map(leaf) })) })),
  }));
}

/**
 * Writes a validated snapshot into a vault, all in one transaction: when anything fails nothing
 * is changed. Ids are kept where they are free, so a handover back and forth stays the same
 * student; an id already used here by another row (or by an erased student) never overwrites or
 * joins it: then that part gets new ids. With `copy`, every row gets a new id.
 * `replace` deletes exactly `replaceId`, and only while it still has the name that was shown.
 */
export function importSnapshot(
  db: Db, snapshot: StudentSnapshot, plan: ImportPlan, now: string, afterImport?: (outcome: ImportOutcome) => void,
): ImportOutcome {
  const run = db.transaction((): ImportOutcome => {
    const step = (name: string) => importHooks.afterStep?.(name);
    const studentName = db.prepare('SELECT display_name FROM students WHERE id = ?').pluck();
    let status: ImportStatus = 'imported';
    if (plan.mode === 'import') {
      // Someone added this student since the inspection: the mentor decides again.
      if (studentName.get(snapshot.student.id) !== undefined) throw new AppError('HANDOVER_CHANGED');
    } else if (plan.mode === 'replace') {
      if (studentName.get(plan.replaceId) !== plan.replaceName) throw new AppError('HANDOVER_CHANGED');
      deleteStudentSearchRows(db, plan.replaceId);
      // Cascades to placements, dialogues (participants, annotations, amendments) and actions.
      db.prepare('DELETE FROM students WHERE id = ?').run(plan.replaceId);
      status = 'replaced';
    } else {
      status = 'copied';
    }
    const taken = (table: string, ids: string[]): boolean => {
      const statement = db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`);
      return ids.some((rowId) => statement.get(rowId) !== undefined);
    };
    const erased = db.prepare('SELECT 1 FROM erased_students WHERE student_id = ?');
    const freshStudent = status === 'copied' || studentName.get(snapshot.student.id) !== undefined
      || erased.get(snapshot.student.id) !== undefined;
    const fresh = status === 'copied'
      || taken('placements', snapshot.placements.map((r) => r.id))
      || taken('dialogues', snapshot.dialogues.map((r) => r.id))
      || taken('annotations', snapshot.annotations.map((r) => r.id))
      || taken('agreements', snapshot.actions.map((r) => r.id))
      || taken('amendments', snapshot.amendments.map((r) => r.id));
    const ids = new Map<string, string>();
    const newId = (old: string): string => {
      let found = ids.get(old);
      if (!found) {
        found = randomUUID();
        ids.set(old, found);
      }
      return found;
    };
    const id = (old: string): string => (fresh ? newId(old) : old);
    const nullableId = (old: string | null) => (old === null ? null : id(old));
    const studentId = freshStudent ? randomUUID() : snapshot.student.id;

    const templates = resolveTemplateVersions(db, snapshot, now);
    const codes = resolveCodes(db, snapshot, now);
    step('resolved');

    const s = snapshot.student;
    // Unique per vault (migration 0010): a number another student here holds (after a replace has
    // removed the one replaced) stays with that student; the import goes ahead without it and
    // says so, rather than failing the whole handover on an identifier the mentor can fix later.
    const fileNumber = s.studentNumber ?? null;
    const numberHeld = fileNumber !== null
      && db.prepare('SELECT 1 FROM students WHERE student_number = ?').get(fileNumber) !== undefined;
    db.prepare(`INSERT INTO students (id, display_name, school_type, programme, cohort, mentor, leaving_date, student_number, archived_at, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(studentId, s.displayName, s.schoolType, s.programme, s.cohort, s.mentor, s.leavingDate, numberHeld ? null : fileNumber,
        s.archivedAt, s.createdAt, s.updatedAt);
    step('student');

    const insertPlacement = db.prepare(`INSERT INTO placements (id, student_id, organisation, supervisor, start_date, end_date, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    for (const p of snapshot.placements) insertPlacement.run(id(p.id), studentId, p.organisation, p.supervisor, p.startDate, p.endDate, p.createdAt);
    step('placements');

    const annotationMap = new Map(snapshot.annotations.map((a) => [a.id, id(a.id)]));
    const insertDialogue = db.prepare(`INSERT INTO dialogues (id, student_id, template_version_id, placement_id, kind, held_on, title, content,
        word_count, status, finalised_at, revision, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertParticipant = db.prepare('INSERT INTO dialogue_participants (id, dialogue_id, name, role, position) VALUES (?, ?, ?, ?, ?)');
    for (const d of snapshot.dialogues) {
      const content = fresh ? remapAnnotationMarks(d.content, annotationMap) : d.content;
      insertDialogue.run(id(d.id), studentId, templates.get(d.templateVersionId), nullableId(d.placementId), d.kind, d.heldOn, d.title,
        JSON.stringify(content), d.wordCount, d.status, d.finalisedAt, d.revision, d.createdAt, d.updatedAt);
      d.participants.forEach((participant, position) => {
        insertParticipant.run(randomUUID(), id(d.id), participant.name, participant.role, position);
      });
    }
    // Memos, actions and the name are indexed by triggers; the dialogue text is indexed here.
    for (const d of snapshot.dialogues) indexDialogue(db, id(d.id));
    step('dialogues');

    const insertAnnotation = db.prepare(`INSERT INTO annotations (id, dialogue_id, code_id, quote, memo, attributes, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const a of snapshot.annotations) {
      insertAnnotation.run(id(a.id), id(a.dialogueId), codes.map.get(a.codeId), a.quote, a.memo, JSON.stringify(a.attributes), a.createdAt, a.updatedAt);
    }
    step('annotations');

    const insertAction = db.prepare(`INSERT INTO agreements (id, student_id, dialogue_id, annotation_id, text, owner, due_date, done_at, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const a of snapshot.actions) {
      insertAction.run(id(a.id), studentId, nullableId(a.dialogueId), nullableId(a.annotationId), a.text, a.owner, a.dueDate, a.doneAt, a.createdAt, a.updatedAt);
    }
    step('actions');

    const insertAmendment = db.prepare('INSERT INTO amendments (id, dialogue_id, content, created_at) VALUES (?, ?, ?, ?)');
    for (const m of snapshot.amendments) insertAmendment.run(id(m.id), id(m.dialogueId), JSON.stringify({ text: m.content.text }), m.createdAt);
    step('amendments');

    // Consent and audio (issue 17), for the dialogues just written.
    const audio = importRecordings(db, snapshot, studentId, id);
    step('recordings');

    const outcome: ImportOutcome = {
      status,
      studentId,
      studentNumberLeftOut: numberHeld,
      counts: {
        placements: snapshot.placements.length,
        dialogues: snapshot.dialogues.length,
        annotations: snapshot.annotations.length,
        actions: snapshot.actions.length,
        amendments: snapshot.amendments.length,
        recordings: audio.recordings,
        templateVersionsAdded: templates.added,
        codesAdded: codes.added,
      },
    };
    afterImport?.(outcome);
    return outcome;
  });
  return run.immediate();
}

type TemplateMap = Map<string, string> & { added: number };

/** Name, kind and sections: what makes two template versions the same template. */
const versionDigest = (name: string, kind: string, sections: unknown) =>
  createHash('sha256').update(JSON.stringify([name, kind, sections])).digest('hex');

/**
 * Snapshot template version id → this vault's. A built-in is matched by key and version number
 * (built-in ids differ per vault). Anything else from a file always gets new ids (issue 14): a
 * file must not be able to add a version to one of this vault's templates, or claim the id of
 * one. Only a version that is here already with the same id and the very same content (a
 * handover back to the vault that made it) is reused; and one version in the file is made once.
 * A built-in key this app does not know becomes a custom template.
 */
function resolveTemplateVersions(db: Db, snapshot: StudentSnapshot, now: string): TemplateMap {
  const map = new Map<string, string>() as TemplateMap;
  map.added = 0;
  const sameVersion = db.prepare('SELECT name, kind, sections FROM template_versions WHERE id = ?');
  const builtinVersion = db.prepare(`SELECT v.id FROM template_versions v JOIN templates t ON t.id = v.template_id
    WHERE t.builtin_key = ? AND v.version = ?`).pluck();
  const builtinTemplate = db.prepare('SELECT id FROM templates WHERE builtin_key = ?').pluck();
  const insertTemplate = db.prepare('INSERT INTO templates (id, copied_from, created_at) VALUES (?, ?, ?)');
  const insertVersion = db.prepare(`INSERT INTO template_versions (id, template_id, version, name, kind, sections, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  // The file's template families, each a new template here (versions keep their numbers within it).
  const families = new Map<string, string>();
  for (const version of snapshot.templateVersions) {
    if (version.builtinKey !== null) {
      const found = builtinVersion.get(version.builtinKey, version.version) as string | undefined;
      if (found) {
        map.set(version.id, found);
        continue;
      }
    }
    const here = sameVersion.get(version.id) as { name: string; kind: string; sections: string } | undefined;
    if (here && versionDigest(here.name, here.kind, JSON.parse(here.sections)) === versionDigest(version.name, version.kind, version.sections)) {
      map.set(version.id, version.id);
      continue;
    }
    let templateId = families.get(version.templateId);
    if (!templateId) {
      templateId = randomUUID();
      families.set(version.templateId, templateId);
      const copiedFrom = version.builtinKey !== null ? (builtinTemplate.get(version.builtinKey) as string | undefined) ?? null : null;
      insertTemplate.run(templateId, copiedFrom, now);
    }
    const versionId = randomUUID();
    // Two versions of one family with the same number in a crafted file: the second gets the next free one.
    const number = Math.max(version.version, 1 + ((db.prepare('SELECT coalesce(max(version), 0) FROM template_versions WHERE template_id = ?').pluck().get(templateId) as number)));
    insertVersion.run(versionId, templateId, number, version.name, version.kind, JSON.stringify(version.sections), version.createdAt);
    map.set(version.id, versionId);
    map.added += 1;
  }
  return map;
}

/**
 * Snapshot code id → this vault's. Built-ins by key; custom codes by name (ignoring case) under
 * the same (already mapped) parent, else created with the snapshot's name, colour and cue.
 */
function resolveCodes(db: Db, snapshot: StudentSnapshot, now: string): { map: Map<string, string>; added: number } {
  const map = new Map<string, string>();
  let added = 0;
  const byId = new Map(snapshot.codes.map((code) => [code.id, code]));
  const builtin = db.prepare('SELECT id FROM codes WHERE builtin_key = ?').pluck();
  const custom = db.prepare(`SELECT id FROM codes WHERE builtin_key IS NULL AND name = ? COLLATE NOCASE AND parent_id IS ?
    ORDER BY position, id LIMIT 1`).pluck();
  const idTaken = db.prepare('SELECT 1 FROM codes WHERE id = ?');
  const nextPosition = db.prepare('SELECT coalesce(max(position), -1) + 1 FROM codes').pluck();
  const insert = db.prepare(`INSERT INTO codes (id, parent_id, name, color, cue, position, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);

  const resolve = (codeId: string, depth: number): string => {
    const done = map.get(codeId);
    if (done) return done;
    const code = byId.get(codeId);
    // The snapshot schema guarantees parents are present; the depth bound guards against a cycle.
    if (!code || depth > 100) throw new Error('code chain');
    if (code.builtinKey !== null) {
      const found = builtin.get(code.builtinKey) as string | undefined;
      if (found) {
        map.set(codeId, found);
        return found;
      }
    }
    const parentId = code.parentId === null ? null : resolve(code.parentId, depth + 1);
    let target = custom.get(code.name, parentId) as string | undefined;
    if (!target) {
      target = idTaken.get(code.id) ? randomUUID() : code.id;
      insert.run(target, parentId, code.name, code.color, code.cue, nextPosition.get() as number, now, now);
      added += 1;
    }
    map.set(codeId, target);
    return target;
  };
  for (const code of snapshot.codes) resolve(code.id, 0);
  return { map, added };
}
