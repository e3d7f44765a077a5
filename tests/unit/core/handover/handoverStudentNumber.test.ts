import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openHandover, sealHandover } from '../../../../electron/core/handover/handoverFile';
import { buildStudentSnapshot } from '../../../../electron/core/handover/studentSnapshot';
import type { Api } from '../../../../shared/api';
import type { Student } from '../../../../shared/schemas';
import {
  cheapTransferScrypt, exportFile, importFile, inspectFile, makeSourceWorld, makeTargetWorld, NAME, TRANSFER,
} from './handoverWorld';

cheapTransferScrypt();

// Issue 16: the school's student number (leerlingnummer) travels with a handover, is shown and
// matched at inspection, and is stored by the import, while staying unique in the vault.

const NUMBER = '20231234';

async function giveNumber(api: Api, student: Student, studentNumber: string | null): Promise<Student> {
  const { displayName, schoolType, programme, cohort, mentor, leavingDate } = student;
  return api.students.update({ id: student.id, fields: { displayName, schoolType, programme, cohort, mentor, leavingDate, studentNumber } });
}

async function fileJson(file: Buffer): Promise<{ student: Record<string, unknown> }> {
  return JSON.parse(await openHandover(file, TRANSFER)) as { student: Record<string, unknown> };
}

const seal = (snapshot: unknown) => sealHandover(JSON.stringify(snapshot), TRANSFER, { createdAt: '2025-09-01T00:00:00.000Z', appVersion: 'x' });

describe('the student number in a handover', () => {
  it('is written into the file when set, shown at inspection and stored by the import', async () => {
    const source = await makeSourceWorld();
    await giveNumber(source.api, source.student, NUMBER);
    const file = await exportFile(source);
    expect((await fileJson(file)).student.studentNumber).toBe(NUMBER);

    const target = await makeTargetWorld();
    const inspection = await inspectFile(target.api, file);
    expect(inspection).toMatchObject({ match: null, local: null, file: { name: NAME, studentNumber: NUMBER } });
    const result = await target.api.handover.import({ token: inspection.token, action: 'import' });
    expect(result).toMatchObject({ status: 'imported', studentNumberLeftOut: false });
    const imported = await target.api.students.get({ id: source.student.id });
    expect(imported.studentNumber).toBe(NUMBER);
    expect(imported).toEqual(await source.api.students.get({ id: source.student.id }));
  });

  it('is left out of the file when the student has none; such a file (and one from before) imports without one', async () => {
    const source = await makeSourceWorld();
    const file = await exportFile(source);
    expect('studentNumber' in (await fileJson(file)).student).toBe(false);
    const target = await makeTargetWorld();
    expect((await inspectFile(target.api, file)).file.studentNumber).toBeNull();
    await importFile(target.api, file, 'import');
    expect((await target.api.students.get({ id: source.student.id })).studentNumber).toBeNull();

    // A file whose student has an empty number is read as having none, as a typed one would be.
    const blank = buildStudentSnapshot(source.backend.vault.database(), source.student.id, '2025-09-01T00:00:00.000Z');
    const other = await makeTargetWorld();
    await importFile(other.api, await seal({ ...blank, student: { ...blank.student, studentNumber: '  ' } }), 'import');
    expect((await other.api.students.get({ id: source.student.id })).studentNumber).toBeNull();
  });

  it('matches a student here by number when the id differs, before the name, and replace acts on that student', async () => {
    const source = await makeSourceWorld();
    await giveNumber(source.api, source.student, NUMBER);
    const file = await exportFile(source);
    const target = await makeTargetWorld();
    // Another mentor added the same student by hand, under a shorter name, and a namesake of the file's student.
    const byHand = await target.api.students.create({ displayName: 'Noor', schoolType: 'mbo-2', studentNumber: NUMBER });
    const namesake = await target.api.students.create({ displayName: NAME, schoolType: 'havo' });

    const inspection = await inspectFile(target.api, file);
    expect(inspection).toMatchObject({
      match: 'number',
      file: { name: NAME, studentNumber: NUMBER },
      local: { name: 'Noor', studentNumber: NUMBER, dialogues: 0 },
      actions: ['replace', 'copy', 'skip'],
    });
    const result = await target.api.handover.import({ token: inspection.token, action: 'replace', confirmName: 'Noor' });
    expect(result).toMatchObject({ status: 'replaced', studentNumberLeftOut: false });
    const students = await target.api.students.list({ includeArchived: true });
    expect(students.map((s) => s.id).sort()).toEqual([source.student.id, namesake.id].sort());
    expect(students.find((s) => s.id === source.student.id)?.studentNumber).toBe(NUMBER);
    expect(students.map((s) => s.id)).not.toContain(byHand.id);
  }, 60_000);

  it('shows both numbers on a name match', async () => {
    const source = await makeSourceWorld();
    await giveNumber(source.api, source.student, NUMBER);
    const target = await makeTargetWorld();
    await target.api.students.create({ displayName: NAME, schoolType: 'mbo-2', studentNumber: '99887' });
    expect(await inspectFile(target.api, await exportFile(source))).toMatchObject({
      match: 'name', file: { studentNumber: NUMBER }, local: { name: NAME, studentNumber: '99887' },
    });
  });

  it('stays with the student here who has it: a copy, or a replace of another student, comes in without it and says so', async () => {
    const source = await makeSourceWorld();
    await giveNumber(source.api, source.student, NUMBER);
    const file = await exportFile(source);

    // Copy beside the student with the number: two students cannot share it.
    const target = await makeTargetWorld();
    const here = await target.api.students.create({ displayName: 'Noor', schoolType: 'mbo-2', studentNumber: NUMBER });
    const copied = await importFile(target.api, file, 'copy');
    expect(copied).toMatchObject({ status: 'copied', studentNumberLeftOut: true });
    expect((await target.api.students.get({ id: copied.studentId! })).studentNumber).toBeNull();
    expect((await target.api.students.get({ id: here.id })).studentNumber).toBe(NUMBER);
    expect((await target.api.dialogues.list({ studentId: copied.studentId! }))).toHaveLength(2);

    // The same id is here (matched first), but the number now belongs to Sem: replace keeps Sem's.
    await giveNumber(source.api, source.student, null);
    await giveNumber(source.api, source.other, NUMBER);
    const inspection = await inspectFile(source.api, file);
    expect(inspection).toMatchObject({ match: 'id', local: { name: NAME, studentNumber: null }, file: { studentNumber: NUMBER } });
    const replaced = await source.api.handover.import({ token: inspection.token, action: 'replace', confirmName: NAME });
    expect(replaced).toMatchObject({ status: 'replaced', studentNumberLeftOut: true });
    expect((await source.api.students.get({ id: source.student.id })).studentNumber).toBeNull();
    expect((await source.api.students.get({ id: source.other.id })).studentNumber).toBe(NUMBER);
  }, 60_000);

  it('goes along in the readable access export too (the student has a right to see it)', async () => {
    const source = await makeSourceWorld();
    await giveNumber(source.api, source.student, NUMBER);
    const result = await source.api.access.export({ studentId: source.student.id });
    const parsed = JSON.parse(readFileSync(join(result.json.location!, result.json.fileName), 'utf8')) as { student: { studentNumber?: string } };
    expect(parsed.student.studentNumber).toBe(NUMBER);
  });
});
