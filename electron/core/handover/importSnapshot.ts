import { randomUUID } from 'node:crypto';
import { ANNOTATION_MARK_PREFIX, type DialogueDoc, type TextLeaf } from '../../../shared/editorDoc';
import type { Db } from '../db/connection';
import { indexDialogue } from '../search/searchIndex';
import type { StudentSnapshot } from './studentSnapshot';

export type Conflict = 'ask' | 'skip' | 'replace' | 'copy';
export type ImportStatus = 'imported' | 'exists' | 'skipped' | 'replaced' | 'copied';

export interface ImportOutcome {
  status: ImportStatus;
  studentId: string | null;
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
 * is changed. With `copy`, every row of the student gets a new id (so the copy sits beside the
 * existing student); otherwise ids are kept.
 */
export function importSnapshot(
  db: Db, snapshot: StudentSnapshot, onConflict: Conflict, now: string, afterImport?: (outcome: ImportOutcome) => void,
): ImportOutcome {
  const run = db.transaction((): ImportOutcome => {
    const step = (name: string) => importHooks.afterStep?.(name);
    const exists = db.prepare('SELECT 1 FROM students WHERE id = ?').get(snapshot.student.id) !== undefined;
    let status: ImportStatus = 'imported';
    if (exists) {
      if (onConflict === 'ask') return { status: 'exists', studentId: snapshot.student.id, counts: {} };
      if (onConflict === 'skip') return { status: 'skipped', studentId: snapshot.student.id, counts: {} };
      if (onConflict === 'replace') {
        // Cascades to placements, dialogues (participants, annotations, amendments) and actions.
        db.prepare('DELETE FROM students WHERE id = ?').run(snapshot.student.id);
        status = 'replaced';
      } else {
        status = 'copied';
      }
    }
    const fresh = status === 'copied';
    const ids = new Map<string, string>();
    const id = (old: string): string => {
      if (!fresh) return old;
      let found = ids.get(old);
      if (!found) {
        found = randomUUID();
        ids.set(old, found);
      }
      return found;
    };
    const nullableId = (old: string | null) => (old === null ? null : id(old));

    const templates = resolveTemplateVersions(db, snapshot, now);
    const codes = resolveCodes(db, snapshot, now);
    step('resolved');

    const s = snapshot.student;
    db.prepare(`INSERT INTO students (id, display_name, school_type, programme, cohort, mentor, leaving_date, archived_at, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id(s.id), s.displayName, s.schoolType, s.programme, s.cohort, s.mentor, s.leavingDate, s.archivedAt, s.createdAt, s.updatedAt);
    step('student');

    const insertPlacement = db.prepare(`INSERT INTO placements (id, student_id, organisation, supervisor, start_date, end_date, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    for (const p of snapshot.placements) insertPlacement.run(id(p.id), id(s.id), p.organisation, p.supervisor, p.startDate, p.endDate, p.createdAt);
    step('placements');

    const annotationMap = new Map(snapshot.annotations.map((a) => [a.id, id(a.id)]));
    const insertDialogue = db.prepare(`INSERT INTO dialogues (id, student_id, template_version_id, placement_id, kind, held_on, title, content,
        word_count, status, finalised_at, revision, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertParticipant = db.prepare('INSERT INTO dialogue_participants (id, dialogue_id, name, role, position) VALUES (?, ?, ?, ?, ?)');
    for (const d of snapshot.dialogues) {
      const content = fresh ? remapAnnotationMarks(d.content, annotationMap) : d.content;
      insertDialogue.run(id(d.id), id(s.id), templates.get(d.templateVersionId), nullableId(d.placementId), d.kind, d.heldOn, d.title,
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

    const insertAction = db.prepare(`INSERT INTO actions (id, student_id, dialogue_id, annotation_id, text, owner, due_date, done_at, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const a of snapshot.actions) {
      insertAction.run(id(a.id), id(s.id), nullableId(a.dialogueId), nullableId(a.annotationId), a.text, a.owner, a.dueDate, a.doneAt, a.createdAt, a.updatedAt);
    }
    step('actions');

    const insertAmendment = db.prepare('INSERT INTO amendments (id, dialogue_id, content, created_at) VALUES (?, ?, ?, ?)');
    for (const m of snapshot.amendments) insertAmendment.run(id(m.id), id(m.dialogueId), JSON.stringify(m.content), m.createdAt);
    step('amendments');

    const outcome: ImportOutcome = {
      status,
      studentId: id(s.id),
      counts: {
        placements: snapshot.placements.length,
        dialogues: snapshot.dialogues.length,
        annotations: snapshot.annotations.length,
        actions: snapshot.actions.length,
        amendments: snapshot.amendments.length,
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

/**
 * Snapshot template version id → this vault's. The same version id is reused; a built-in is
 * matched by key and version number (built-in ids differ per vault); anything else is inserted,
 * as a custom template (a built-in key this app does not know becomes a custom template too).
 */
function resolveTemplateVersions(db: Db, snapshot: StudentSnapshot, now: string): TemplateMap {
  const map = new Map<string, string>() as TemplateMap;
  map.added = 0;
  const versionExists = db.prepare('SELECT 1 FROM template_versions WHERE id = ?');
  const builtinVersion = db.prepare(`SELECT v.id FROM template_versions v JOIN templates t ON t.id = v.template_id
    WHERE t.builtin_key = ? AND v.version = ?`).pluck();
  const builtinTemplate = db.prepare('SELECT id FROM templates WHERE builtin_key = ?').pluck();
  const family = db.prepare('SELECT builtin_key FROM templates WHERE id = ?');
  const versionTaken = db.prepare('SELECT 1 FROM template_versions WHERE template_id = ? AND version = ?');
  const insertTemplate = db.prepare('INSERT INTO templates (id, copied_from, created_at) VALUES (?, ?, ?)');
  const insertVersion = db.prepare(`INSERT INTO template_versions (id, template_id, version, name, kind, sections, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  for (const version of snapshot.templateVersions) {
    if (versionExists.get(version.id)) {
      map.set(version.id, version.id);
      continue;
    }
    if (version.builtinKey !== null) {
      const found = builtinVersion.get(version.builtinKey, version.version) as string | undefined;
      if (found) {
        map.set(version.id, found);
        continue;
      }
    }
    // Into the same family when this vault has it as a custom template and the number is free.
    let templateId = version.templateId;
    let number = version.version;
    const existing = family.get(templateId) as { builtin_key: string | null } | undefined;
    if (existing && (existing.builtin_key !== null || versionTaken.get(templateId, number))) {
      templateId = randomUUID();
      number = 1;
    }
    if (!existing || templateId !== version.templateId) {
      const copiedFrom = version.builtinKey !== null ? (builtinTemplate.get(version.builtinKey) as string | undefined) ?? null : null;
      insertTemplate.run(templateId, copiedFrom, now);
    }
    insertVersion.run(version.id, templateId, number, version.name, version.kind, JSON.stringify(version.sections), version.createdAt);
    map.set(version.id, version.id);
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
