import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/db/connection';
import { erasedStudents } from '../../../../electron/core/erasure/erasure';
import type { Backend } from '../../../../electron/core/backend';
import type { Api } from '../../../../shared/api';
import { chosenFilePicker } from '../../../harness/chosenFile';
import { fixedFolderPicker } from '../../../harness/folderSaveTarget';
import { filesContaining, makeUnlockedBackend, PASSPHRASE } from '../../helpers/core';
import { docFor, leaf, newDialogue, paragraph } from '../../helpers/dialogues';
import { tempDir } from '../../helpers/tempDir';

// Issue 14 point 1: an erasure reaches every copy the app knows. A backup made before the
// erasure that comes back (from a USB stick, a copy elsewhere, the undo of a restore) must
// not bring the student back.

const NAME = 'Wendelmoet Quaxfeld';
const SENTENCE = 'Kwikzilverpanter wil piloot worden';
const MEMO = 'Memobasilisk twijfelt';
const KEPT = 'Blijvende Bram';

async function world() {
  const backupsDir = join(tempDir(), 'backups');
  const elsewhere = tempDir();
  const picker = chosenFilePicker(null);
  const made = await makeUnlockedBackend({ folderPicker: fixedFolderPicker(backupsDir), openFilePicker: picker });
  await made.api.backups.chooseFolder();
  return { ...made, backupsDir, elsewhere, picker };
}

async function studentWithDialogue(api: Api, name: string, text: string, memo: string) {
  const student = await api.students.create({ displayName: name, schoolType: 'havo' });
  const intake = (await api.templates.list()).find((t) => t.builtinKey === 'intake')!;
  const code = (await api.codes.list())[0]!;
  const dialogue = await newDialogue(api, student.id, intake);
  const tag = await api.annotations.create({ dialogueId: dialogue.id, codeId: code.id, memo });
  await api.dialogues.save({
    id: dialogue.id, revision: dialogue.revision,
    content: docFor(intake, { [intake.sections[0]!.key]: [paragraph(leaf(text, tag.id))] }),
  });
  return student;
}

/** The live vault decrypted to a plain copy: its raw bytes, for a scan no query can fool. */
function plainVaultBytes(backend: Backend, dir: string): Buffer {
  backend.vault.database().pragma('wal_checkpoint(TRUNCATE)');
  const plain = join(tempDir(), 'plain.db');
  copyFileSync(join(dir, 'vault.db'), plain);
  const db = openDatabase(plain, { key: backend.vault.keyMaterial().dataKey });
  db.pragma('journal_mode = DELETE');
  db.pragma(`rekey = ''`);
  db.close();
  return readFileSync(plain);
}

/** Every trace the restored vault could still hold of the erased student. */
async function traces(api: Api, backend: Backend, dir: string, studentId: string) {
  const db = backend.vault.database();
  const bytes = plainVaultBytes(backend, dir);
  const audit = JSON.stringify(await api.audit.list({}));
  return {
    students: (await api.students.list({ includeArchived: true })).map((s) => s.displayName),
    byId: db.prepare('SELECT count(*) FROM students WHERE id = ?').pluck().get(studentId),
    searchName: (await api.search.query({ query: 'Quaxfeld' })).total,
    searchSentence: (await api.search.query({ query: 'Kwikzilverpanter piloot' })).total,
    searchDocs: db.prepare('SELECT count(*) FROM search_docs WHERE student_id = ?').pluck().get(studentId),
    annotations: db.prepare('SELECT count(*) FROM annotations WHERE memo = ?').pluck().get(MEMO),
    auditNamesThem: [NAME, 'Quaxfeld', SENTENCE, studentId].some((needle) => audit.includes(needle)),
    rawBytes: [NAME, 'Quaxfeld', 'Kwikzilverpanter', 'Memobasilisk', 'quaxfeld', 'kwikzilverpanter'].filter((needle) => bytes.includes(Buffer.from(needle))),
    dataFolderFiles: [NAME, SENTENCE].flatMap((needle) => filesContaining(dir, needle)),
  };
}

const NO_TRACE = {
  students: [KEPT], byId: 0, searchName: 0, searchSentence: 0, searchDocs: 0, annotations: 0,
  auditNamesThem: false, rawBytes: [], dataFolderFiles: [],
};

/** Makes a backup with the student in it and keeps a copy elsewhere (the erasure deletes the folder's). */
async function preErasureBackup(w: Awaited<ReturnType<typeof world>>) {
  await studentWithDialogue(w.api, KEPT, 'Blijftekst over de stage', 'Blijfmemo');
  const student = await studentWithDialogue(w.api, NAME, SENTENCE, MEMO);
  const run = await w.api.backups.run();
  const copy = join(w.elsewhere, run.backup.fileName);
  copyFileSync(join(w.backupsDir, run.backup.fileName), copy);
  // Control: before the erasure the scans see the student, so "no trace" later means something.
  const before = await traces(w.api, w.backend, w.dir, student.id);
  expect(before.byId).toBe(1);
  expect(before.searchName).toBeGreaterThan(0);
  expect(before.searchSentence).toBeGreaterThan(0);
  expect(before.annotations).toBe(1);
  expect(before.rawBytes.length).toBeGreaterThan(0);
  return { student, fileName: run.backup.fileName, copy };
}

describe('the erased-student list', () => {
  it('records the id and the date of each erasure, and nothing else', async () => {
    const w = await world();
    const student = await w.api.students.create({ displayName: NAME, schoolType: 'havo' });
    expect(erasedStudents(w.backend.vault.database())).toEqual([]);
    await w.api.erasure.erase({ studentId: student.id, confirmName: NAME });
    const db = w.backend.vault.database();
    expect(erasedStudents(db)).toEqual([{ studentId: student.id, erasedAt: new Date(w.clock.now()).toISOString() }]);
    // Ids only: the table has no column where a name could go, and holds no name.
    const columns = (db.pragma('table_info(erased_students)') as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['student_id', 'erased_at']);
    expect(JSON.stringify(db.prepare('SELECT * FROM erased_students').all())).not.toContain('Quaxfeld');
  });
});

describe('a pre-erasure backup restored into the vault that erased the student', () => {
  it('backups:restore erases them again before the vault is shown: no row, search hit, tag, audit detail or byte', async () => {
    const w = await world();
    const { student, fileName, copy } = await preErasureBackup(w);
    const erased = await w.api.erasure.erase({ studentId: student.id, confirmName: NAME });
    // The erasure deleted the older backup from the folder; the copy elsewhere comes back.
    expect(erased.removedBackups).toBe(1);
    expect(readdirSync(w.backupsDir)).not.toContain(fileName);
    copyFileSync(copy, join(w.backupsDir, fileName));

    const restored = await w.api.backups.restore({ fileName });
    expect(restored.reErased).toBe(1);
    expect(await traces(w.api, w.backend, w.dir, student.id)).toEqual(NO_TRACE);
    // The list survives into the restored vault (merged), so a later restore knows it too.
    expect(erasedStudents(w.backend.vault.database()).map((e) => e.studentId)).toEqual([student.id]);

    // The undo puts back the vault as it was before the restore (already without the student);
    // a copy that still held them would be erased again as well.
    const undone = await w.api.backups.undoRestore({ setAside: restored.setAside });
    expect(undone).toMatchObject({ state: 'unlocked', reErased: 0 });
    expect(await traces(w.api, w.backend, w.dir, student.id)).toEqual(NO_TRACE);
  });

  it('the undo of a restore made before the erasure brings back a copy that is erased again', async () => {
    const w = await world();
    const { student, fileName } = await preErasureBackup(w);
    // Restore first (the set-aside copy holds the student), then erase, then keep a copy of the
    // set-aside vault as a stand-in for one the erasure could not reach (it removes its own).
    const restored = await w.api.backups.restore({ fileName });
    const aside = readdirSync(w.dir).filter((name) => name.startsWith(restored.setAside));
    const saved = aside.map((name) => [name, readFileSync(join(w.dir, name))] as const);
    await w.api.erasure.erase({ studentId: student.id, confirmName: NAME });
    expect(readdirSync(w.dir).filter((name) => name.startsWith('vault.db.before-restore'))).toEqual([]);
    for (const [name, bytes] of saved) writeFileSync(join(w.dir, name), bytes);
    // The key file kept with it too (the undo opens the copy with it).
    expect(statSync(join(w.dir, restored.setAside)).size).toBeGreaterThan(0);

    const undone = await w.api.backups.undoRestore({ setAside: restored.setAside });
    expect(undone).toMatchObject({ state: 'unlocked', reErased: 1 });
    expect(await traces(w.api, w.backend, w.dir, student.id)).toEqual(NO_TRACE);
  });

  it('restore from a file over the open vault erases them again, and says how many', async () => {
    const w = await world();
    const { student, copy } = await preErasureBackup(w);
    await w.api.erasure.erase({ studentId: student.id, confirmName: NAME });
    w.picker.select(copy);
    const picked = await w.api.vault.pickBackup({});
    expect(picked).toMatchObject({ effect: 'replaces', sameVault: true });
    const restored = await w.api.vault.restoreFromBackup({ token: picked!.token, method: 'passphrase', passphrase: PASSPHRASE, replaceCurrent: true });
    expect(restored.reErased).toBe(1);
    expect(await traces(w.api, w.backend, w.dir, student.id)).toEqual(NO_TRACE);
  });

  it('restore from a file on the unlock screen (vault locked) still erases them again', async () => {
    const w = await world();
    const { student, copy } = await preErasureBackup(w);
    await w.api.erasure.erase({ studentId: student.id, confirmName: NAME });
    await w.api.vault.lock();
    w.picker.select(copy);
    const picked = await w.api.vault.pickBackup({});
    const restored = await w.api.vault.restoreFromBackup({ token: picked!.token, method: 'passphrase', passphrase: PASSPHRASE, replaceCurrent: true });
    // The backup's key opens the locked vault here (same vault, same key): its list was read.
    expect(restored.reErased).toBe(1);
    expect(await traces(w.api, w.backend, w.dir, student.id)).toEqual(NO_TRACE);
  });
});
