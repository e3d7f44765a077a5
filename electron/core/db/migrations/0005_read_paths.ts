/**
 * Indexes for what every screen reads, measured on a school-scale vault (issue 7).
 *
 * - Passages per code (tag palette, codebook, every export) and per dialogue (the dialogue
 *   list): partial indexes that hold only passages (annotations with a quote), so a count
 *   reads the index alone instead of every annotation row (0.7 s -> ~5 ms for the codes).
 * - A student's dialogue list: the columns it shows sit in the index. In the table they come
 *   after the document, that is in its overflow pages, and a student page read (and decrypted)
 *   two or three pages per dialogue for them. With the id in it too, the passage counts per
 *   student join annotations without touching the dialogue rows at all.
 */
export const sql = /* sql */ `
CREATE INDEX annotations_passages_by_code ON annotations (code_id) WHERE quote <> '';
CREATE INDEX annotations_passages_by_dialogue ON annotations (dialogue_id) WHERE quote <> '';
DROP INDEX dialogues_by_student;
CREATE INDEX dialogues_by_student ON dialogues
  (student_id, held_on, created_at, id, title, kind, status, word_count, updated_at, template_version_id);
`;
