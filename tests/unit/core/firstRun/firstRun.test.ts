import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { fixedFolderPicker, folderSaveTarget } from '../../../harness/folderSaveTarget';
import { expectAppError, makeUnlockedBackend } from '../../helpers/core';
import { tempDir } from '../../helpers/tempDir';
import { newDialogue } from '../../helpers/dialogues';

const EXAMPLE = 'Voorbeeld: Lotte Bakker';

async function world() {
  const exportsDir = tempDir();
  const made = await makeUnlockedBackend({ folderPicker: fixedFolderPicker(join(tempDir(), 'backups')), saveTarget: folderSaveTarget(exportsDir) });
  return { ...made, exportsDir };
}

describe('first run: the start checklist', () => {
  it('ticks itself off from real state: backup folder, students, dialogues, exports', async () => {
    const { api } = await world();
    expect(await api.firstRun.status()).toEqual({
      backupFolderChosen: false, students: 0, dialogues: 0, exports: 0, exampleStudentId: null, dismissed: false,
    });
    await api.backups.chooseFolder();
    const student = await api.students.create({ displayName: 'Noor el Amrani', schoolType: 'mbo-2' });
    const intake = (await api.templates.list({})).find((template) => template.builtinKey === 'intake')!;
    await newDialogue(api, student.id, intake);
    await api.exchange.exportQdc();
    expect(await api.firstRun.status()).toMatchObject({ backupFolderChosen: true, students: 1, dialogues: 1, exports: 1 });
    expect((await api.firstRun.dismiss({ dismissed: true })).dismissed).toBe(true);
    expect((await api.firstRun.status()).dismissed).toBe(true);
  });
});

describe('first run: the example student', () => {
  it('adds one student with two dialogues (internal, external), tags and an agreement, and does not count it', async () => {
    const { api } = await world();
    const status = await api.firstRun.addExample();
    const id = status.exampleStudentId!;
    expect(id).toBeTruthy();
    expect(status).toMatchObject({ students: 0, dialogues: 0 });
    expect((await api.students.get({ id })).displayName).toBe(EXAMPLE);

    const overview = await api.students.overview({ id });
    expect(overview.dialogues.map((d) => d.kind).sort()).toEqual(['external', 'internal']);
    expect(overview.dialogues.find((d) => d.kind === 'internal')!.status).toBe('final');
    expect(overview.boundaryByDilemma.ethical).toBe(1);
    expect(overview.passagesByCompetence.motives).toBe(1);
    expect(overview.passagesByCompetence.capacities).toBe(1);
    expect(overview.openActions.map((a) => a.text)).toEqual(['Voorval bespreken met de praktijkbegeleider']);
    for (const summary of overview.dialogues) {
      const dialogue = await api.dialogues.get({ id: summary.id });
      // Every tag sits on words: its quote is the tagged text.
      expect(dialogue.annotations.length).toBeGreaterThanOrEqual(2);
      for (const annotation of dialogue.annotations) expect(annotation.quote.length).toBeGreaterThan(10);
    }
    // Searchable like any dialogue.
    expect((await api.search.query({ query: 'verpleeghuis' })).total).toBeGreaterThan(0);
    await expectAppError(api.firstRun.addExample(), 'CONFLICT');
  });

  it('is never in the group overview or in an export of every student', async () => {
    const { api, exportsDir } = await world();
    await api.students.create({ displayName: 'Bram Quist', schoolType: 'havo' });
    await api.firstRun.addExample();
    expect((await api.groups.overview({})).map((row) => row.displayName)).toEqual(['Bram Quist']);
    // Not even when the filter is the example's own cohort.
    expect(await api.groups.overview({ cohort: 'Voorbeeld' })).toEqual([]);
    const result = await api.exchange.exportQdpx({});
    const zip = await JSZip.loadAsync(readFileSync(join(exportsDir, result.fileName)));
    const project = await zip.file('project.qde')!.async('string');
    expect(project).toContain('Bram Quist');
    expect(project).not.toContain('Lotte');
  });

  it('is removed in one step by a real erasure: no row, no search entry, on the erased list', async () => {
    const { api, backend } = await world();
    const added = await api.firstRun.addExample();
    const id = added.exampleStudentId!;
    const after = await api.firstRun.removeExample();
    expect(after.exampleStudentId).toBeNull();
    await expectAppError(api.students.get({ id }), 'NOT_FOUND');
    expect((await api.search.query({ query: 'verpleeghuis' })).total).toBe(0);
    const db = backend.vault.database();
    expect(db.prepare('SELECT count(*) FROM dialogues').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM agreements').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM erased_students WHERE student_id = ?').pluck().get(id)).toBe(1);
    // The example can be added again afterwards, and removing twice is harmless.
    expect((await api.firstRun.addExample()).exampleStudentId).not.toBe(id);
    await api.firstRun.removeExample();
    expect((await api.firstRun.removeExample()).exampleStudentId).toBeNull();
  });
});

describe('first run: the recovery key as a text file', () => {
  it('writes the key with a sentence saying what it is, under a fixed name, through the save target', async () => {
    const { api, recoveryKey, exportsDir } = await world();
    const result = await api.firstRun.saveRecoveryKey({ recoveryKey });
    expect(result).toMatchObject({ saved: true, fileName: 'Loopbaandialoog-herstelsleutel.txt' });
    const text = readFileSync(join(exportsDir, result.fileName), 'utf8');
    expect(text).toContain(recoveryKey);
    expect(text.split('\r\n')[0]).toBe('Herstelsleutel van je Loopbaandialoog-kluis');
    // Not an export of data: the checklist's export step stays open.
    expect((await api.firstRun.status()).exports).toBe(0);
  });

  it('refuses anything that is not shaped like a recovery key', async () => {
    const { api } = await world();
    await expectAppError(api.firstRun.saveRecoveryKey({ recoveryKey: 'Sanne de Vries' }), 'VALIDATION');
  });
});
