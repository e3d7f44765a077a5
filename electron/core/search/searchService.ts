import type { SearchHit, TagHit } from '../../../shared/searchSchemas';
import { HIT_END, HIT_START } from '../../../shared/searchSchemas';
import type { Db } from '../db/connection';
import { toFtsQuery } from './ftsQuery';

export interface SearchOptions {
  query: string;
  studentId?: string | undefined;
  kind?: 'internal' | 'external' | undefined;
  codeId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  order: 'best' | 'newest';
  limit: number;
}

/** Tokens of context around the hit in a snippet. */
const SNIPPET_TOKENS = 12;

interface HitRow {
  source: SearchHit['source'];
  student_id: string;
  display_name: string;
  dialogue_id: string | null;
  dialogue_title: string | null;
  held_on: string | null;
  section_key: string | null;
  snippet: string;
}

/**
 * Full-text search over dialogue sections, memos, actions and names. Filters on the dialogue
 * (kind, code, period) leave out hits that belong to no dialogue.
 */
export function searchAll(db: Db, options: SearchOptions): { hits: SearchHit[]; truncated: boolean; total: number } {
  const { match, truncated } = toFtsQuery(options.query);
  if (!match) return { hits: [], truncated, total: 0 };
  const where = ['search_index MATCH @match'];
  if (options.studentId) where.push('sd.student_id = @studentId');
  if (options.kind) where.push('d.kind = @kind');
  if (options.from) where.push('d.held_on >= @from');
  if (options.to) where.push('d.held_on <= @to');
  if (options.codeId) where.push('EXISTS (SELECT 1 FROM annotations a WHERE a.dialogue_id = d.id AND a.code_id = @codeId)');
  const params = {
    match,
    ...(options.studentId ? { studentId: options.studentId } : {}),
    ...(options.kind ? { kind: options.kind } : {}),
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
    ...(options.codeId ? { codeId: options.codeId } : {}),
  };
  const from = `FROM search_index
    JOIN search_docs sd ON sd.id = search_index.rowid
    JOIN students s ON s.id = sd.student_id
    LEFT JOIN dialogues d ON d.id = sd.dialogue_id
    LEFT JOIN template_versions tv ON tv.id = d.template_version_id
    WHERE ${where.join(' AND ')}`;
  const order = options.order === 'newest' ? 'd.held_on IS NULL, d.held_on DESC, rank' : 'rank';
  const rows = db.prepare(`SELECT sd.source, sd.student_id, s.display_name, sd.dialogue_id,
      CASE WHEN d.id IS NULL THEN NULL WHEN d.title <> '' THEN d.title ELSE tv.name END AS dialogue_title,
      d.held_on, sd.section_key,
      snippet(search_index, 0, '${HIT_START}', '${HIT_END}', '…', ${SNIPPET_TOKENS}) AS snippet
    ${from} ORDER BY ${order} LIMIT @limit`).all({ ...params, limit: options.limit }) as HitRow[];
  const total = db.prepare(`SELECT count(*) ${from}`).pluck().get(params) as number;
  return {
    truncated,
    total,
    hits: rows.map((row) => ({
      source: row.source,
      studentId: row.student_id,
      studentName: row.display_name,
      dialogueId: row.dialogue_id,
      dialogueTitle: row.dialogue_title,
      heldOn: row.held_on,
      sectionKey: row.section_key,
      snippet: row.snippet,
    })),
  };
}

export interface TagSearchOptions {
  codeId: string;
  dilemmaType?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
}

/** Every passage (non-empty quote) tagged with a code, across students, newest first. */
export function searchTags(db: Db, options: TagSearchOptions): TagHit[] {
  const where = ['a.code_id = @codeId', `a.quote <> ''`];
  if (options.dilemmaType) where.push(`json_extract(a.attributes, '$.dilemmaType') = @dilemmaType`);
  if (options.from) where.push('d.held_on >= @from');
  if (options.to) where.push('d.held_on <= @to');
  const rows = db.prepare(`SELECT a.id AS annotationId, d.student_id AS studentId, s.display_name AS studentName, d.id AS dialogueId,
      CASE WHEN d.title <> '' THEN d.title ELSE tv.name END AS dialogueTitle, d.held_on AS heldOn, a.quote, a.memo,
      json_extract(a.attributes, '$.dilemmaType') AS dilemmaType, json_extract(a.attributes, '$.context') AS context
    FROM annotations a
    JOIN dialogues d ON d.id = a.dialogue_id
    JOIN students s ON s.id = d.student_id
    JOIN template_versions tv ON tv.id = d.template_version_id
    WHERE ${where.join(' AND ')}
    ORDER BY d.held_on DESC, a.created_at DESC, a.id
    LIMIT @limit`).all({
    codeId: options.codeId,
    limit: options.limit,
    ...(options.dilemmaType ? { dilemmaType: options.dilemmaType } : {}),
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
  }) as TagHit[];
  return rows;
}
