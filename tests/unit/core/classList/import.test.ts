import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schoolTypeOf } from '../../../../electron/core/classList/plan';
import { listAudit } from '../../../../electron/core/repositories/auditRepository';
import { chosenFilePicker } from '../../../harness/chosenFile';
import { expectAppError, filesContaining, makeUnlockedBackend, PASSPHRASE } from '../../helpers/core';
import { tempDir } from '../../helpers/tempDir';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/classlists');

async function setup(file: string | null = join(FIXTURES, 'magister-1252.csv')) {
  const picker = chosenFilePicker(file);
  const made = await makeUnlockedBackend({ openFilePicker: picker });
  return { ...made, picker };
}

describe('class list import', () => {
  it('previews a Magister list without changing anything, then imports it with student numbers on confirmation', async () => {
    const { api, backend, picker } = await setup();
    const preview = await api.classList.pick();
    expect(picker.asked).toEqual(['classList']);
    expect(preview).not.toBeNull();
    expect(preview!).toMatchObject({ fileName: 'magister-1252.csv', format: 'csv', encoding: 'windows-1252', delimiter: ';', unknownHeaders: ['Geboortedatum'] });
    expect(preview!.plan.counts).toEqual({ rows: 5, new: 4, duplicates: 0, skipped: 1 });
    expect(preview!.plan.skipped).toEqual([{ row: 5, reason: 'noName' }]);
    expect(preview!.plan.previewRows[0]).toMatchObject({ row: 2, outcome: 'new', displayName: 'Emre Çelik', studentNumber: '104233', cohort: '4H2', schoolType: 'havo' });
    expect(preview!.plan.previewRows[1]!.displayName).toBe('Sanne van der Berg');
    // Nothing imported by a preview.
    expect(await api.students.list()).toEqual([]);

    const mapping = preview!.columns.map((column) => column.suggested);
    const result = await api.classList.import({ token: preview!.token, mapping, defaultSchoolType: preview!.defaultSchoolType, duplicateAction: 'skip' });
    expect(result).toEqual({ created: 4, updated: 0, unchanged: 0, skipped: [{ row: 5, reason: 'noName' }], skippedCount: 1 });
    const students = await api.students.list();
    expect(students.map((s) => [s.displayName, s.studentNumber, s.cohort, s.programme, s.mentor, s.schoolType])).toEqual([
      ['Emre Çelik', '104233', '4H2', 'HAVO 4 NG', 'Mevr. de Groot', 'havo'],
      ['Jörg Müller', '104235', '4H2', 'HAVO 4 CM', 'Mevr. de Groot', 'havo'],
      ['Sanne van der Berg', '104234', '4H2', 'HAVO 4 EM', 'Mevr. de Groot', 'havo'],
      ['Zoë de Vries-Élie', '104237', '4H2', 'HAVO 4 NT', 'Dhr. Öztürk', 'havo'],
    ]);
    // One audit event, counts only: no name of the list in it.
    const events = listAudit(backend.vault.database()).filter((event) => event.kind === 'classList.imported');
    expect(events).toEqual([{ at: expect.any(String), kind: 'classList.imported', detail: { created: 4, updated: 0, unchanged: 0, skipped: 1, format: 'csv' } }]);
    // A token is used once.
    await expectAppError(api.classList.import({ token: preview!.token, mapping, defaultSchoolType: 'havo', duplicateAction: 'skip' }), 'CLASS_LIST_EXPIRED');
  });

  it('recognises duplicates on a second import, by number and else by name, and updates them only when asked', async () => {
    const { api, picker } = await setup();
    const first = (await api.classList.pick())!;
    await api.classList.import({ token: first.token, mapping: first.columns.map((c) => c.suggested), defaultSchoolType: 'havo', duplicateAction: 'skip' });
    // A student the mentor made by hand, with no number: found by name.
    await api.students.create({ displayName: 'Daan van Dijk', schoolType: 'vmbo-t', cohort: '' });

    const again = (await api.classList.pick())!;
    expect(again.plan.counts).toEqual({ rows: 5, new: 0, duplicates: 4, skipped: 1 });
    expect(again.plan.previewRows[0]).toMatchObject({ outcome: 'duplicate', matchedBy: 'number' });
    const skip = await api.classList.import({ token: again.token, mapping: again.columns.map((c) => c.suggested), defaultSchoolType: 'havo', duplicateAction: 'skip' });
    expect(skip).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(await api.students.list()).toHaveLength(5);

    picker.select(join(FIXTURES, 'somtoday-bom.csv'));
    const somtoday = (await api.classList.pick())!;
    expect(somtoday.plan.counts).toEqual({ rows: 3, new: 2, duplicates: 1, skipped: 0 });
    expect(somtoday.plan.previewRows[1]).toMatchObject({ displayName: 'Daan van Dijk', outcome: 'duplicate', matchedBy: 'name', schoolType: 'vmbo-t' });
    const update = await api.classList.import({ token: somtoday.token, mapping: somtoday.columns.map((c) => c.suggested), defaultSchoolType: 'havo', duplicateAction: 'update' });
    expect(update).toMatchObject({ created: 2, updated: 1, unchanged: 0 });
    const daan = (await api.students.list()).find((s) => s.displayName === 'Daan van Dijk')!;
    expect(daan).toMatchObject({ studentNumber: '20872', cohort: '3TL1', programme: 'vmbo, theoretische leerweg', mentor: 'Jansen, P.', schoolType: 'vmbo-t' });
    expect((await api.students.list()).find((s) => s.studentNumber === '20871')!.displayName).toBe('Ayşe Ağaoğlu');
  });

  it('follows a changed mapping: a column mapped by hand, a name column taken away', async () => {
    const dir = tempDir();
    const path = join(dir, 'lijst.csv');
    writeFileSync(path, 'Nr;Voor;Achter;Groep\r\n1;Ada;Lovelace;5V1\r\n2;Alan;Turing;5V1\r\n');
    const { api } = await setup(path);
    const preview = (await api.classList.pick())!;
    // "Nr", "Voor" and "Achter" are nobody's headers; "Groep" is.
    expect(preview.columns.map((c) => c.suggested)).toEqual(['ignore', 'ignore', 'ignore', 'className']);
    expect(preview.plan.counts.new).toBe(0);
    await expectAppError(api.classList.plan({ token: preview.token, mapping: ['ignore', 'ignore', 'ignore', 'className'], defaultSchoolType: 'vwo' }), 'CLASS_LIST_NO_NAME_COLUMN');
    const mapping = ['studentNumber', 'firstNames', 'lastName', 'className'] as const;
    const plan = await api.classList.plan({ token: preview.token, mapping: [...mapping], defaultSchoolType: 'vwo' });
    expect(plan.counts).toEqual({ rows: 2, new: 2, duplicates: 0, skipped: 0 });
    expect(plan.previewRows.map((row) => [row.displayName, row.studentNumber, row.schoolType])).toEqual([['Ada Lovelace', '1', 'vwo'], ['Alan Turing', '2', 'vwo']]);
    await api.classList.import({ token: preview.token, mapping: [...mapping], defaultSchoolType: 'vwo', duplicateAction: 'skip' });
    expect((await api.students.list()).map((s) => s.studentNumber)).toEqual(['1', '2']);
  });

  it('skips rows it cannot take, with their reasons, and imports the rest whole', async () => {
    const dir = tempDir();
    const path = join(dir, 'lijst.csv');
    writeFileSync(path, [
      'Leerlingnummer;Roepnaam;Achternaam;Klas',
      '11;Anna;Peters;1A',
      '11;Anne;Pieters;1A',
      '12!;Bram;Smits;1A',
      `13;${'x'.repeat(250)};Lang;1A`,
      '14;Cas;Mulder;1A',
      '15,Dewi,Kok,1A',
    ].join('\r\n'));
    const { api } = await setup(path);
    const preview = (await api.classList.pick())!;
    expect(preview.plan.skipped).toEqual([
      { row: 3, reason: 'duplicateInFile' }, { row: 4, reason: 'badNumber' }, { row: 5, reason: 'tooLong' }, { row: 7, reason: 'otherDelimiter' },
    ]);
    const result = await api.classList.import({ token: preview.token, mapping: preview.columns.map((c) => c.suggested), defaultSchoolType: 'havo', duplicateAction: 'skip' });
    expect(result).toMatchObject({ created: 2, skippedCount: 4 });
  });

  it('refuses a bad file with its own error and changes nothing; a cancelled dialog is null', async () => {
    const { api, picker } = await setup(join(FIXTURES, 'empty.csv'));
    await expectAppError(api.classList.pick(), 'CLASS_LIST_EMPTY');
    picker.select(join(FIXTURES, 'mixed-delimiters.csv'));
    await expectAppError(api.classList.pick(), 'CLASS_LIST_MIXED_DELIMITERS');
    picker.select(join(tempDir(), 'missing.csv'));
    await expectAppError(api.classList.pick(), 'CLASS_LIST_UNREADABLE');
    picker.select(null);
    expect(await api.classList.pick()).toBeNull();
    expect(await api.students.list()).toEqual([]);
  });

  it('forgets the parsed rows when the vault locks', async () => {
    const { api } = await setup();
    const preview = (await api.classList.pick())!;
    await api.vault.lock();
    await api.vault.unlock({ passphrase: PASSPHRASE });
    await expectAppError(api.classList.plan({ token: preview.token, mapping: preview.columns.map((c) => c.suggested), defaultSchoolType: 'havo' }), 'CLASS_LIST_EXPIRED');
  });

  it('keeps the student number unique and editable, and leaves it alone on an update that does not name it', async () => {
    const { api, dir } = await setup();
    const a = await api.students.create({ displayName: 'Ada', schoolType: 'havo', studentNumber: '  LL-987654 ' });
    expect(a.studentNumber).toBe('LL-987654');
    await expectAppError(api.students.create({ displayName: 'Bob', schoolType: 'havo', studentNumber: 'LL-987654' }), 'STUDENT_NUMBER_TAKEN');
    await expectAppError(api.students.create({ displayName: 'Bob', schoolType: 'havo', studentNumber: '50;01' }), 'VALIDATION');
    const renamed = await api.students.update({ id: a.id, fields: { displayName: 'Ada L.', schoolType: 'havo' } });
    expect(renamed.studentNumber).toBe('LL-987654');
    const cleared = await api.students.update({ id: a.id, fields: { displayName: 'Ada L.', schoolType: 'havo', studentNumber: '' } });
    expect(cleared.studentNumber).toBeNull();
    // The quick switcher and nothing else finds a student by the first digits of the number.
    expect((await api.quickFind.query({ query: 'll-9876' })).students.map((s) => s.id)).toEqual([]);
    await api.students.update({ id: a.id, fields: { displayName: 'Ada L.', schoolType: 'havo', studentNumber: 'LL-987654' } });
    expect((await api.quickFind.query({ query: 'll-9876' })).students.map((s) => s.id)).toEqual([a.id]);
    // Two students without a number are fine.
    await api.students.create({ displayName: 'Bob', schoolType: 'havo' });
    await api.students.create({ displayName: 'Cas', schoolType: 'havo', studentNumber: 'LL-123' });
    await api.vault.lock();
    // The number lives in the encrypted vault only.
    expect(filesContaining(dir, 'LL-987654')).toEqual([]);
  });

  it('imports 10,000 rows in one go, and a second time finds all 10,000 by number', async () => {
    const path = join(tempDir(), 'school.csv');
    const lines = ['Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Klas;Opleiding;Mentor'];
    for (let i = 0; i < 10_000; i++) lines.push(`${200_000 + i};Leerling${i};${i % 3 === 0 ? 'van der' : ''};Achternaam${i};${1 + (i % 6)}A;havo;Mentor ${i % 40}`);
    writeFileSync(path, lines.join('\r\n'));
    const { api } = await setup(path);
    let started = performance.now();
    const preview = (await api.classList.pick())!;
    const pickMs = performance.now() - started;
    expect(preview.plan.counts).toEqual({ rows: 10_000, new: 10_000, duplicates: 0, skipped: 0 });
    expect(preview.plan.previewRows).toHaveLength(20);
    started = performance.now();
    const result = await api.classList.import({ token: preview.token, mapping: preview.columns.map((c) => c.suggested), defaultSchoolType: 'havo', duplicateAction: 'skip' });
    const importMs = performance.now() - started;
    expect(result.created).toBe(10_000);
    const again = (await api.classList.pick())!;
    expect(again.plan.counts).toMatchObject({ new: 0, duplicates: 10_000 });
    console.log(`classList: 10,000 rows picked and planned in ${pickMs.toFixed(0)} ms, imported in ${importMs.toFixed(0)} ms`);
  }, 120_000);

  it('reads the school type a programme names', () => {
    expect(['HAVO 4 NG', 'vwo (atheneum)', 'Gymnasium 5', 'vmbo-tl', 'Mavo 4', 'vmbo kb', 'Kaderberoepsgerichte leerweg', 'vmbo basis', 'vmbo GL',
      'mbo niveau 3', 'MBO n2', 'hbo', 'Zorg en welzijn', ''].map(schoolTypeOf))
      .toEqual(['havo', 'vwo', 'vwo', 'vmbo-t', 'vmbo-t', 'vmbo-k', 'vmbo-k', 'vmbo-b', 'vmbo-g', 'mbo-3', 'mbo-2', 'hbo', null, null]);
  });
});
