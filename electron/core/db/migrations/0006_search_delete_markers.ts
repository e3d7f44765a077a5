/**
 * FTS5 secure-delete off (issue 7). With it on, every save that replaces a passage looks up
 * each of its terms in every segment of the index to take the old entry out: 35–50 ms per
 * autosave on a school-scale vault, against 3–5 ms with FTS5's ordinary delete markers.
 *
 * What that leaves: the words of a passage edited in a draft stay in the index's segments,
 * inside the encrypted vault, until FTS5's automatic merges reach them. Erasing a student does
 * not rely on it: `eraseSearchIndexRows` runs 'optimize', which rewrites the whole index
 * without deleted entries, and the erasure then VACUUMs the file.
 */
export const sql = /* sql */ `
INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 0);
`;
