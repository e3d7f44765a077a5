import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/db/connection';
import { migrate } from '../../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../../electron/core/db/migrations';
import { toFtsQuery } from '../../../../electron/core/search/ftsQuery';
import { foldSearchText } from '../../../../electron/core/search/searchFold';
import { rebuildSearchIndex } from '../../../../electron/core/search/searchIndex';
import { searchAll } from '../../../../electron/core/search/searchService';
import { HIT_END, HIT_START } from '../../../../shared/searchSchemas';
import { foldForMatch } from '../../../../shared/textFold';
import { docFor, leaf, makeDialogueWorld, paragraph } from '../../helpers/dialogues';
import { tempDir } from '../../helpers/tempDir';

/**
 * Names as they are written in Dutch schools, and as a mentor types them on a Dutch keyboard.
 * Accents (ç, ö, ş, ą, ż, â, ë) were folded before; the letters NFD does not split (ı, ł, ø,
 * ß, æ, œ, đ) were not, so "yilmaz" did not find "Yılmaz" (issue 15).
 */
const NAMES: [origin: string, written: string, typed: string][] = [
  ['Turkish', 'Yılmaz', 'yilmaz'],
  ['Turkish', 'Çelik', 'celik'],
  ['Turkish', 'Öztürk', 'ozturk'],
  ['Turkish', 'Şahin', 'sahin'],
  ['Turkish', 'İpek Kılıç', 'ipek kilic'],
  ['Moroccan', 'El Idrissi', 'el idrissi'],
  ['Moroccan', 'Bouzid', 'bouzid'],
  ['Moroccan', 'Aït Benali', 'ait benali'],
  ['Polish', 'Łukasz', 'lukasz'],
  ['Polish', 'Wąsowska', 'wasowska'],
  ['Polish', 'Żaneta Błaszczyk', 'zaneta blaszczyk'],
  ['Surinamese', 'Ramsaran', 'ramsaran'],
  ['Surinamese', 'Kromodimedjo', 'kromodimedjo'],
  ['Surinamese', 'Sewdien-Oehlers', 'sewdien oehlers'],
  ['Frisian', 'Sjoerd', 'sjoerd'],
  ['Frisian', 'Wâlde', 'walde'],
  ['Frisian', 'Fokje Sjûkje', 'fokje sjukje'],
  ['Scandinavian', 'Bjørn Ærø', 'bjorn aero'],
  ['German', 'Strauß', 'strauss'],
  ['French', 'Cœur', 'coeur'],
  ['Balkan', 'Đorđević', 'dordevic'],
];

describe('search folds names as Dutch schools write them', () => {
  it.each(NAMES)('%s: "%s" is found by "%s", by itself and by a prefix, in names and in dialogues', async (_origin, written, typed) => {
    const { api, template } = await makeDialogueWorld();
    const student = await api.students.create({ displayName: `${written} Jansen`, schoolType: 'vmbo-t' });
    const t = template('internal-reflection');
    const dialogue = await api.dialogues.create({ studentId: student.id, templateVersionId: t.id, heldOn: '2025-10-01', title: 'Gesprek', participants: [] });
    await api.dialogues.save({ id: dialogue.id, revision: dialogue.revision, content: docFor(t, { [t.sections[0]!.key]: [paragraph(leaf(`Vandaag sprak ik met ${written} over de stage.`))] }) });

    for (const query of [typed, written, typed.toUpperCase(), typed.slice(0, -1)]) {
      const hits = (await api.search.query({ query })).hits;
      expect(hits.map((hit) => hit.source).sort(), query).toEqual(['dialogue', 'student']);
    }
    // The snippet shows the name as written, with the hit marked on it.
    const first = written.split(/[^\p{L}\p{M}]+/u)[0]!;
    const inDialogue = (await api.search.query({ query: typed.split(' ')[0]! })).hits.find((hit) => hit.source === 'dialogue')!;
    expect(inDialogue.snippet).toContain(`${HIT_START}${first}${HIT_END}`);
  });

  it('folds the query the same way: each special letter becomes what a mentor types', () => {
    expect(toFtsQuery('Yılmaz ŁUKASZ "Strauß Ærø"').match).toBe('"Yilmaz"* "LUKASZ"* "Strauss AEro"');
    for (const [, written, typed] of NAMES) expect(foldForMatch(foldSearchText(written)).replace('-', ' ')).toBe(typed);
  });

  it('keeps every token where it was, so snippets can be cut from the text as written', () => {
    for (const [, written] of NAMES) {
      const tokens = (text: string) => text.split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean).length;
      expect(tokens(foldSearchText(written)), written).toBe(tokens(written));
    }
  });

  it('re-indexes an existing vault folded when it is migrated, and a later rebuild gives the same index', async () => {
    const beforeFold = MIGRATIONS.findIndex((migration) => migration.name === '0008_search_fold');
    expect(beforeFold).toBeGreaterThan(0);
    const db = openDatabase(join(tempDir(), 'oud.db'), { key: null });
    try {
      migrate(db, { target: beforeFold });
      db.prepare(`INSERT INTO students (id, display_name, school_type, created_at, updated_at) VALUES ('s1', 'Yılmaz Łukasz', 'havo', '2025-01-01', '2025-01-01')`).run();
      const find = (query: string) => searchAll(db, { query, order: 'best', limit: 10 }).hits.map((hit) => hit.studentName);
      // As the vault was: indexed unfolded, so the typed name finds nothing.
      expect(find('yilmaz')).toEqual([]);

      migrate(db);
      expect(find('yilmaz')).toEqual(['Yılmaz Łukasz']);
      expect(find('lukasz')).toEqual(['Yılmaz Łukasz']);
      // New writes go through the folding triggers too.
      db.prepare(`INSERT INTO students (id, display_name, school_type, created_at, updated_at) VALUES ('s2', 'Søren Strauß', 'havo', '2025-01-01', '2025-01-01')`).run();
      db.prepare(`UPDATE students SET display_name = 'Jørgen Strauß' WHERE id = 's2'`).run();
      expect(find('strauss')).toEqual(['Jørgen Strauß']);
      expect(find('soren')).toEqual([]);
      expect(find('jorgen')).toEqual(['Jørgen Strauß']);

      db.exec(`CREATE VIRTUAL TABLE temp.search_vocab USING fts5vocab(main, search_index, row)`);
      const terms = () => db.prepare('SELECT term, doc, cnt FROM search_vocab ORDER BY term').all();
      const incremental = terms();
      expect(incremental.map((row) => (row as { term: string }).term)).toEqual(expect.arrayContaining(['yilmaz', 'lukasz', 'jorgen', 'strauss']));
      rebuildSearchIndex(db);
      expect(terms()).toEqual(incremental);
      // The index itself is sound (rank 0: without comparing it to the unfolded content), and
      // the integrity check every backup is verified with still passes with these letters in it.
      db.prepare(`INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 0)`).run();
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
