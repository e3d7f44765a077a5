import type { SearchHit, TagHit } from '../../../shared/searchSchemas';
import { HIT_END, HIT_START, SEARCH_CAP } from '../../../shared/searchSchemas';
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

interface CandidateRow { id: number; rank: number; held_on: string | null }

interface HitRow {
  id: number;
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
 * Full-text search over dialogue passages, memos, actions and names. Filters on the dialogue
 * (kind, code, period) leave out hits that belong to no dialogue.
 *
 * The shape is set by scale (issue 7). A common word is in a quarter of a school's passages,
 * and FTS5 ranks every match before it can return the best 50 (about 80 ms for 100,000
 * matches). So the matches are read newest first (the index's own order, no sort) and at most
 * SEARCH_CAP + 1 of them are kept: their count tells whether there are more than SEARCH_CAP, and
 * only they are ranked. Below the cap the answer is exact; above it the mentor is told that
 * only the newest SEARCH_CAP were ordered. Snippets are cut for the page of hits only.
 */
export function searchAll(db: Db, options: SearchOptions, cap = SEARCH_CAP): { hits: SearchHit[]; truncated: boolean; total: number; capped: boolean } {
  const { match, truncated } = toFtsQuery(options.query);
  if (!match) return { hits: [], truncated, total: 0, capped: false };
  const where = ['search_index MATCH @match'];
  // One student's rows are few: a set of their ids is cheap and spares a lookup per match.
  // '+' makes it a filter: as an FTS5 constraint it would run the MATCH once per id (2 s).
  if (options.studentId) where.push('+search_index.rowid IN (SELECT id FROM search_docs WHERE student_id = @studentId)');
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
  // The joins only when a filter or the order needs the dialogue: each costs a lookup per candidate.
  const needsDialogue = Boolean(options.kind || options.from || options.to || options.codeId || options.order === 'newest');
  const from = `FROM search_index${needsDialogue ? `
    CROSS JOIN search_docs sd ON sd.id = search_index.rowid
    LEFT JOIN dialogues d ON d.id = sd.dialogue_id` : ''}
    WHERE ${where.join(' AND ')}`;
  // rank is computed per row read, so only for these candidates, not for every match.
  const candidates = db.prepare(`SELECT search_index.rowid AS id, rank, ${needsDialogue ? 'd.held_on' : 'NULL AS held_on'} ${from}
    ORDER BY search_index.rowid DESC LIMIT @cap`).all({ ...params, cap: cap + 1 }) as CandidateRow[];
  const capped = candidates.length > cap;
  const ranked = candidates.slice(0, cap).sort(options.order === 'newest'
    ? (a, b) => (b.held_on ?? '').localeCompare(a.held_on ?? '') || a.rank - b.rank || b.id - a.id
    : (a, b) => a.rank - b.rank || b.id - a.id);
  const page = ranked.slice(0, options.limit);
  if (page.length === 0) return { hits: [], truncated, total: 0, capped: false };

  // One pass over the page's stretch of the index (the index drives: CROSS JOIN), so that the
  // words' doclists are read once and snippet() runs only for the rows of the page. The ids
  // are a filter on that pass ('+' keeps SQLite from handing them to FTS5 as lookups, which
  // would read a prefix's doclists again for every hit), checked before any join.
  const ids = page.map((row) => row.id);
  const rows = db.prepare(`SELECT search_index.rowid AS id, sd.source, sd.student_id, s.display_name, sd.dialogue_id,
      CASE WHEN d.id IS NULL THEN NULL WHEN d.title <> '' THEN d.title ELSE tv.name END AS dialogue_title,
      d.held_on, sd.section_key,
      snippet(search_index, 0, '${HIT_START}', '${HIT_END}', '…', ${SNIPPET_TOKENS}) AS snippet
    FROM search_index
    CROSS JOIN search_docs sd ON sd.id = search_index.rowid
    JOIN students s ON s.id = sd.student_id
    LEFT JOIN dialogues d ON d.id = sd.dialogue_id
    LEFT JOIN template_versions tv ON tv.id = d.template_version_id
    WHERE search_index MATCH @match AND search_index.rowid BETWEEN @low AND @high
      AND +search_index.rowid IN (SELECT value FROM json_each(@ids))`)
    .all({ match, low: Math.min(...ids), high: Math.max(...ids), ids: JSON.stringify(ids) }) as HitRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return {
    truncated,
    total: Math.min(candidates.length, cap),
    capped,
    hits: page.flatMap((candidate) => {
      const row = byId.get(candidate.id);
      return row ? [{
        source: row.source,
        studentId: row.student_id,
        studentName: row.display_name,
        dialogueId: row.dialogue_id,
        dialogueTitle: row.dialogue_title,
        heldOn: row.held_on,
        sectionKey: row.section_key,
        snippet: row.snippet,
      }] : [];
    }),
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
