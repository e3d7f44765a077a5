import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { HANDOVER_MAGIC, sealHandover } from '../../../../electron/core/handover/handoverFile';
import { importHooks } from '../../../../electron/core/handover/importSnapshot';
import { listAudit } from '../../../../electron/core/repositories/auditRepository';
import type { Backend } from '../../../../electron/core/backend';
import { ANNOTATION_MARK_PREFIX, docText, leafAnnotationIds, type DialogueDoc } from '../../../../shared/editorDoc';
import { expectAppError } from '../../helpers/core';
import { newDialogue } from '../../helpers/dialogues';
import { part, plainText, unzip } from '../export/docxFixtures';
import { ZIP_MAGIC } from '../export/serviceWorld';
import {
  cheapTransferScrypt, exportFile, filesIn, importFile, inspectFile, makeSourceWorld, makeTargetWorld, NAME, PRIVATE_TEXT, SECRET_TEXT, TRANSFER,
} from './handoverWorld';
import { handoverFileName } from '../../../../electron/core/handover/handoverService';

cheapTransferScrypt();
afterEach(() => {
  importHooks.afterStep = undefined;
});

const TABLES = ['students', 'placements', 'templates', 'template_versions', 'dialogues', 'dialogue_participants', 'codes',
  'annotations', 'agreements', 'amendments', 'audit_events'];

/** Every row of every domain table, for "nothing changed" checks. */
function vaultState(backend: Backend): string {
  const db = backend.vault.database();
  return JSON.stringify(TABLES.map((table) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()));
}

function annotationIdsIn(doc: DialogueDoc): string[] {
  const ids: string[] = [];
  for (const section of doc) {
    for (const block of section.children) {
      const leaves = block.type === 'paragraph' ? block.children : block.children.flatMap((item) => item.children);
      for (const leaf of leaves) ids.push(...leafAnnotationIds(leaf));
    }
  }
  return ids;
}


describe('handover export and import', () => {
  it('reproduces the student completely in a second, fresh vault', async () => {
    const source = await makeSourceWorld();
    const file = await exportFile(source);
    // Named by date and a short code, never by the student (issue 14).
    expect(filesIn(source.exportsDir)).toEqual([handoverFileName(source.student.id, '20250901', 'nl')]);
    expect(filesIn(source.exportsDir)[0]).toMatch(/^overdracht-20250901-[0-9A-Z]{6}\.ldho$/);
    const target = await makeTargetWorld();

    const result = await importFile(target.api, file, 'import');
    expect(result).toMatchObject({ status: 'imported', studentId: source.student.id, studentName: NAME, setAside: null });
    expect(result.counts).toMatchObject({ dialogues: 2, annotations: 2, actions: 2, amendments: 1, placements: 1, templateVersionsAdded: 1, codesAdded: 2 });

    const { api } = target;
    expect(await api.students.get({ id: source.student.id })).toEqual(await source.api.students.get({ id: source.student.id }));
    expect((await api.students.list({ includeArchived: true })).map((s) => s.displayName)).toEqual([NAME]);
    expect(await api.placements.list({ studentId: source.student.id })).toEqual(await source.api.placements.list({ studentId: source.student.id }));

    const before = await source.api.dialogues.get({ id: source.first.id });
    const after = await api.dialogues.get({ id: source.first.id });
    expect(after.content).toEqual(before.content);
    expect(docText(after.content)).toContain(SECRET_TEXT);
    expect(after.participants).toEqual(before.participants);
    expect({ status: after.status, revision: after.revision, finalisedAt: after.finalisedAt, heldOn: after.heldOn, title: after.title, placementId: after.placementId })
      .toEqual({ status: 'final', revision: before.revision, finalisedAt: before.finalisedAt, heldOn: '2025-09-01', title: 'Eerste gesprek', placementId: source.placement.id });
    expect(after.amendments.map((a) => a.text)).toEqual(['Later toegevoegd: stage bevalt goed']);
    // The custom template version came along in full; a built-in one maps onto this vault's own.
    // A template version from a file always gets a new id here (issue 14).
    expect(after.template).toMatchObject({ name: 'Mijn eigen gesprek', sections: source.custom.sections, builtinKey: null });
    expect(after.template.id).not.toBe(source.custom.id);
    expect(await api.templates.get({ versionId: after.template.id })).toMatchObject({ sections: source.custom.sections, version: source.custom.version });
    await expectAppError(api.templates.get({ versionId: source.custom.id }), 'NOT_FOUND');
    const second = await api.dialogues.get({ id: source.second.id });
    expect(second.template.builtinKey).toBe('intake');
    expect(second.template.id).not.toBe(source.template('intake').id);
    expect(second.content).toEqual((await source.api.dialogues.get({ id: source.second.id })).content);

    // Passages: quotes, memos, attributes; codes by built-in key, the custom one with its parent.
    const codes = await api.codes.list();
    const codeOf = (id: string) => codes.find((code) => code.id === id)!;
    const byMemo = new Map(after.annotations.map((a) => [a.memo, a]));
    const tagged = byMemo.get('Sterke motivatie')!;
    expect(tagged.quote).toBe(SECRET_TEXT);
    expect(codeOf(tagged.codeId)).toMatchObject({ name: 'Dieren', color: '#654321', builtinKey: null });
    expect(codeOf(codeOf(tagged.codeId).parentId!)).toMatchObject({ name: 'Toekomstbeeld', color: '#123456', parentId: null });
    const boundary = byMemo.get('Lastig')!;
    expect(boundary).toMatchObject({ quote: 'soms twijfel ik', attributes: { dilemmaType: 'ethical', context: 'internship' } });
    expect(codeOf(boundary.codeId).builtinKey).toBe('boundaryExperience');
    expect(boundary.codeId).not.toBe(source.code('boundaryExperience'));

    const actions = await api.actions.list({ studentId: source.student.id, includeDone: true });
    expect(actions).toEqual(await source.api.actions.list({ studentId: source.student.id, includeDone: true }));
    expect(actions.find((a) => a.text === 'Meeloopdag regelen')).toMatchObject({ annotationId: source.tag.id, dialogueId: source.first.id, dueDate: '2025-10-01' });

    expect(listAudit(source.backend.vault.database()).map((e) => e.kind)).toContain('handover.exported');
    const imported = listAudit(target.backend.vault.database()).find((e) => e.kind === 'handover.imported')!;
    expect(JSON.stringify(imported.detail)).not.toContain('Noor');
  });

  it('a second import of the same file into a vault that already has the codes reuses them', async () => {
    const source = await makeSourceWorld();
    const file = await exportFile(source);
    const target = await makeTargetWorld();
    const parent = await target.api.codes.create({ name: 'toekomstbeeld', color: '#000000' });
    const result = await importFile(target.api, file, 'import');
    expect(result.counts.codesAdded).toBe(1);
    const codes = await target.api.codes.list();
    expect(codes.filter((code) => code.builtinKey === null).map((c) => [c.name, c.parentId])).toEqual([['toekomstbeeld', null], ['Dieren', parent.id]]);
  });

  it('keeps the name and the dialogue text out of the file, also out of anything gzip could reveal', async () => {
    const source = await makeSourceWorld();
    const file = await exportFile(source);
    expect(file.subarray(0, HANDOVER_MAGIC.length).toString('ascii')).toBe('LBDHANDOVER');
    for (const needle of [NAME, 'Noor', 'Amrani', SECRET_TEXT, PRIVATE_TEXT, 'Dierenkliniek', 'Toekomstbeeld']) {
      expect(file.includes(Buffer.from(needle, 'utf8'))).toBe(false);
      expect(file.includes(Buffer.from(needle, 'utf16le'))).toBe(false);
    }
    // No readable gzip stream anywhere in the file.
    for (let at = file.indexOf(Buffer.from([0x1f, 0x8b])); at !== -1; at = file.indexOf(Buffer.from([0x1f, 0x8b]), at + 1)) {
      let inflated: Buffer | null;
      try {
        inflated = gunzipSync(file.subarray(at));
      } catch {
        inflated = null;
      }
      expect(inflated?.includes(Buffer.from('Noor')) ?? false).toBe(false);
    }
    const headerLength = file.readUInt32BE(HANDOVER_MAGIC.length + 1);
    const header = JSON.parse(file.subarray(HANDOVER_MAGIC.length + 5, HANDOVER_MAGIC.length + 5 + headerLength).toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(header).sort()).toEqual(['N', 'appVersion', 'check', 'createdAt', 'iv', 'kdf', 'length', 'p', 'r', 'salt']);
  });

  it('refuses a wrong transfer passphrase and changes nothing', async () => {
    const source = await makeSourceWorld();
    const file = await exportFile(source);
    const target = await makeTargetWorld();
    const state = vaultState(target.backend);
    await expectAppError(inspectFile(target.api, file, 'niet de goede zin hoor'), 'WRONG_TRANSFER_PASSPHRASE');
    expect(vaultState(target.backend)).toBe(state);
  });

  it('calls a truncated, garbled, foreign or random file damaged and changes nothing', async () => {
    const source = await makeSourceWorld();
    const file = await exportFile(source);
    const target = await makeTargetWorld();
    const state = vaultState(target.backend);
    const flip = (at: number) => {
      const copy = Buffer.from(file);
      copy[at] = copy[at]! ^ 0xff;
      return copy;
    };
    const damaged: Buffer[] = [
      file.subarray(0, file.length - 1),
      file.subarray(0, file.length - 17),
      file.subarray(0, 40),
      Buffer.alloc(0),
      flip(0),
      flip(HANDOVER_MAGIC.length),
      flip(HANDOVER_MAGIC.length + 8),
      flip(file.length - 40), // inside the ciphertext: the passphrase fits, authentication fails
      flip(file.length - 1), // the tag
      randomBytes(4096),
      Buffer.concat([HANDOVER_MAGIC, randomBytes(4096)]),
      Buffer.from('PK\u0003\u0004 not a handover file'),
    ];
    for (const data of damaged) {
      await expectAppError(inspectFile(target.api, data), 'HANDOVER_DAMAGED');
    }
    // Decrypts fine, but is not a student snapshot.
    for (const json of ['{"format":"something-else"}', 'not json at all', JSON.stringify({ format: 'loopbaandialoog-student', version: 1 })]) {
      const sealed = await sealHandover(json, TRANSFER, { createdAt: '2025-01-01T00:00:00.000Z', appVersion: 'x' });
      await expectAppError(inspectFile(target.api, sealed), 'HANDOVER_DAMAGED');
    }
    expect(vaultState(target.backend)).toBe(state);
  });

  it('refuses a weak transfer passphrase and writes nothing', async () => {
    const source = await makeSourceWorld();
    await expectAppError(source.api.handover.export({ studentId: source.student.id, transferPassphrase: 'welkom123' }), 'WEAK_PASSPHRASE');
    await expectAppError(source.api.handover.export({ studentId: source.student.id, transferPassphrase: 'noor el amrani' }), 'WEAK_PASSPHRASE');
    expect(filesIn(source.exportsDir)).toEqual([]);
    expect(source.target.choose).not.toHaveBeenCalled();
  });

  it('writes nothing and audits nothing when the save dialog is cancelled', async () => {
    const source = await makeSourceWorld();
    source.target.choose.mockResolvedValueOnce(null);
    const result = await source.api.handover.export({ studentId: source.student.id, transferPassphrase: TRANSFER });
    expect(result).toEqual({ saved: false, fileName: handoverFileName(source.student.id, '20250901', 'nl'), location: null });
    expect(filesIn(source.exportsDir)).toEqual([]);
    expect(listAudit(source.backend.vault.database()).map((e) => e.kind)).not.toContain('handover.exported');
  });

  it('names the file in English when the UI is English', async () => {
    const source = await makeSourceWorld();
    await source.api.settings.setLanguage({ language: 'en' });
    await exportFile(source);
    expect(filesIn(source.exportsDir)).toEqual([handoverFileName(source.student.id, '20250901', 'en')]);
    expect(filesIn(source.exportsDir)[0]).toMatch(/^handover-20250901-[0-9A-Z]{6}\.ldho$/);
  });
});

describe('a student who is already there', () => {
  it('inspect: shows the file beside the local student and changes nothing; skip: the same', async () => {
    const source = await makeSourceWorld();
    const file = await exportFile(source);
    const extra = await newDialogue(source.api, source.student.id, source.template('intake'), '2025-11-01');
    const state = vaultState(source.backend);
    const inspection = await inspectFile(source.api, file);
    expect(inspection).toMatchObject({
      match: 'id',
      file: { name: NAME, dialogues: 2, lastDialogueOn: '2025-10-15' },
      local: { name: NAME, dialogues: 3, lastDialogueOn: '2025-11-01' },
      actions: ['replace', 'copy', 'skip'],
    });
    expect(extra.id).toBeTruthy();
    expect(vaultState(source.backend)).toBe(state);
    // Import as new is not offered when the student is here: asking for it changes nothing.
    await expectAppError(source.api.handover.import({ token: inspection.token, action: 'import' }), 'HANDOVER_CHANGED');
    const skipped = await source.api.handover.import({ token: inspection.token, action: 'skip' });
    expect(skipped.status).toBe('skipped');
    expect(vaultState(source.backend)).toBe(state);
    // A token is used once.
    await expectAppError(source.api.handover.import({ token: inspection.token, action: 'copy' }), 'HANDOVER_EXPIRED');
  });

  it('replace: the file wins; what was added since is gone', async () => {
    const source = await makeSourceWorld();
    const file = await exportFile(source);
    const extra = await newDialogue(source.api, source.student.id, source.template('intake'), '2025-11-01');
    await source.api.actions.create({ studentId: source.student.id, text: 'Nieuw sinds export', owner: 'student' });
    const result = await importFile(source.api, file, 'replace');
    expect(result).toMatchObject({ status: 'replaced', studentId: source.student.id });
    expect(result.setAside).toMatch(/^vault\.db\.before-restore-/);
    await expectAppError(source.api.dialogues.get({ id: extra.id }), 'NOT_FOUND');
    expect((await source.api.dialogues.list({ studentId: source.student.id })).map((d) => d.id).sort()).toEqual([source.first.id, source.second.id].sort());
    expect((await source.api.actions.list({ studentId: source.student.id, includeDone: true })).map((a) => a.text)).not.toContain('Nieuw sinds export');
    expect((await source.api.dialogues.get({ id: source.first.id })).annotations).toHaveLength(2);
    // Codes and the custom template were reused, not duplicated; the other student untouched.
    expect(result.counts).toMatchObject({ codesAdded: 0, templateVersionsAdded: 0 });
    expect((await source.api.actions.list({ studentId: source.other.id, includeDone: true })).map((a) => a.text)).toEqual(['Van Sem']);
  });

  it('copy: a second student with new ids everywhere, tags rewritten, quotes intact', async () => {
    const source = await makeSourceWorld();
    const file = await exportFile(source);
    const state = vaultState(source.backend);
    const result = await importFile(source.api, file, 'copy');
    expect(result.status).toBe('copied');
    const copyId = result.studentId!;
    expect(copyId).not.toBe(source.student.id);
    expect((await source.api.students.list({ includeArchived: true })).filter((s) => s.displayName === NAME)).toHaveLength(2);

    const originals = new Set([source.first.id, source.second.id, source.tag.id, source.boundary.id, source.action.id, source.placement.id]);
    const dialogues = await source.api.dialogues.list({ studentId: copyId });
    expect(dialogues).toHaveLength(2);
    for (const summary of dialogues) expect(originals.has(summary.id)).toBe(false);
    const copy = await source.api.dialogues.get({ id: dialogues.find((d) => d.heldOn === '2025-09-01')!.id });
    const original = await source.api.dialogues.get({ id: source.first.id });
    expect(copy.annotations).toHaveLength(2);
    for (const annotation of copy.annotations) expect(originals.has(annotation.id)).toBe(false);
    // The marks in the text point at the copy's own passages, and the text is the same.
    expect(annotationIdsIn(copy.content).sort()).toEqual(copy.annotations.map((a) => a.id).sort());
    expect(JSON.stringify(copy.content)).not.toContain(`${ANNOTATION_MARK_PREFIX}${source.tag.id}`);
    expect(docText(copy.content)).toBe(docText(original.content));
    expect(copy.annotations.map((a) => [a.memo, a.quote]).sort()).toEqual(original.annotations.map((a) => [a.memo, a.quote]).sort());
    expect(copy.placementId).not.toBeNull();
    expect(originals.has(copy.placementId!)).toBe(false);
    expect(copy.amendments.map((a) => a.text)).toEqual(['Later toegevoegd: stage bevalt goed']);
    const actions = await source.api.actions.list({ studentId: copyId, includeDone: true });
    const linked = actions.find((a) => a.text === 'Meeloopdag regelen')!;
    expect(linked.annotationId).toBe(copy.annotations.find((a) => a.memo === 'Sterke motivatie')!.id);
    expect(linked.dialogueId).toBe(copy.id);

    // The original is exactly as it was (apart from the new rows and the audit line).
    const db = source.backend.vault.database();
    const originalRows = JSON.parse(state) as unknown[][];
    const now = JSON.parse(vaultState(source.backend)) as unknown[][];
    TABLES.forEach((table, index) => {
      if (table === 'audit_events') return;
      expect(now[index]!.slice(0, originalRows[index]!.length), table).toEqual(originalRows[index]);
    });
    expect(db.prepare('SELECT count(*) FROM codes WHERE builtin_key IS NULL').pluck().get()).toBe(2);
  });
});

describe('a failure midway', () => {
  it('leaves the receiving vault unchanged (injected after rows were written)', async () => {
    const source = await makeSourceWorld();
    const file = await exportFile(source);
    const target = await makeTargetWorld();
    const state = vaultState(target.backend);
    let reached = false;
    importHooks.afterStep = (step) => {
      if (step === 'annotations') {
        reached = true;
        throw new Error('simulated failure');
      }
    };
    const inspection = await inspectFile(target.api, file);
    const result = await target.backend.dispatch('handover:import', { token: inspection.token, action: 'import' });
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL' } });
    expect(reached).toBe(true);
    expect(vaultState(target.backend)).toBe(state);
  });

  it('gives new ids where the file claims an id this vault uses for another student\'s row', async () => {
    const source = await makeSourceWorld();
    const file = await exportFile(source);
    const target = await makeTargetWorld();
    // The receiving vault happens to hold a passage with the same id as one in the file.
    const student = await target.api.students.create({ displayName: 'Iemand anders', schoolType: 'vwo' });
    const templates = await target.api.templates.list();
    const dialogue = await newDialogue(target.api, student.id, templates[0]!);
    const codes = await target.api.codes.list();
    const annotation = await target.api.annotations.create({ dialogueId: dialogue.id, codeId: codes[0]!.id });
    target.backend.vault.database().prepare('UPDATE annotations SET id = ? WHERE id = ?').run(source.boundary.id, annotation.id);
    const result = await importFile(target.api, file, 'import');
    expect(result.status).toBe('imported');
    // The other student's passage is as it was; the imported ones have ids of their own.
    const theirs = await target.api.dialogues.get({ id: dialogue.id });
    expect(theirs.annotations.map((a) => a.id)).toEqual([source.boundary.id]);
    const imported = await target.api.dialogues.list({ studentId: result.studentId! });
    expect(imported).toHaveLength(2);
    for (const summary of imported) {
      const full = await target.api.dialogues.get({ id: summary.id });
      for (const annotation of full.annotations) expect(annotation.id).not.toBe(source.boundary.id);
      expect(annotationIdsIn(full.content).sort()).toEqual(full.annotations.map((a) => a.id).sort());
    }
  });

  it('replace that fails keeps the existing student', async () => {
    const source = await makeSourceWorld();
    const file = await exportFile(source);
    const extra = await newDialogue(source.api, source.student.id, source.template('intake'), '2025-11-01');
    const state = vaultState(source.backend);
    importHooks.afterStep = (step) => {
      if (step === 'amendments') throw new Error('simulated failure');
    };
    const inspection = await inspectFile(source.api, file);
    const result = await source.backend.dispatch('handover:import', { token: inspection.token, action: 'replace', confirmName: NAME });
    expect(result.ok).toBe(false);
    expect(vaultState(source.backend)).toBe(state);
    expect((await source.api.dialogues.get({ id: extra.id })).id).toBe(extra.id);
  });
});

describe('access export', () => {
  it('writes readable JSON with all dialogues and a Word document with the private sections', async () => {
    const source = await makeSourceWorld();
    const result = await source.api.access.export({ studentId: source.student.id });
    expect(result.json).toMatchObject({ saved: true, fileName: 'Noor-el-Amrani-inzage.json' });
    expect(result.word).toMatchObject({ saved: true, fileName: 'Noor-el-Amrani-inzage.docx' });

    const jsonText = readFileSync(join(source.exportsDir, 'Noor-el-Amrani-inzage.json'), 'utf8');
    expect(jsonText).toContain('\n  "about": ');
    const parsed = JSON.parse(jsonText) as { about: string; student: { displayName: string }; dialogues: { id: string; content: DialogueDoc }[]; actions: unknown[] };
    expect(parsed.about).toMatch(/inzage/);
    expect(parsed.student.displayName).toBe(NAME);
    expect(parsed.dialogues.map((d) => d.id)).toEqual([source.first.id, source.second.id]);
    expect(docText(parsed.dialogues[0]!.content)).toContain(PRIVATE_TEXT);
    expect(parsed.actions).toHaveLength(2);
    expect(jsonText).not.toContain('Sem de Vries');
    expect(jsonText).not.toContain('Van Sem');

    const docx = readFileSync(join(source.exportsDir, 'Noor-el-Amrani-inzage.docx'));
    expect(docx.subarray(0, 4)).toEqual(ZIP_MAGIC);
    const text = plainText(part(await unzip(docx), 'word/document.xml'));
    expect(text).toContain(PRIVATE_TEXT);
    expect(text).toContain(SECRET_TEXT);
    expect(text).toContain('Tweede gesprek tekst');

    const audit = listAudit(source.backend.vault.database()).filter((e) => e.kind === 'export.made');
    expect(audit.map((e) => e.detail)).toEqual([{ kind: 'access' }]);
  });

  it('uses English names and an English explanation in English', async () => {
    const source = await makeSourceWorld();
    await source.api.settings.setLanguage({ language: 'en' });
    const result = await source.api.access.export({ studentId: source.student.id });
    expect([result.json.fileName, result.word.fileName]).toEqual(['Noor-el-Amrani-access.json', 'Noor-el-Amrani-access.docx']);
    const parsed = JSON.parse(readFileSync(join(source.exportsDir, 'Noor-el-Amrani-access.json'), 'utf8')) as { about: string };
    expect(parsed.about).toMatch(/access request/);
  });

  it('works for a student without dialogues', async () => {
    const source = await makeSourceWorld();
    const result = await source.api.access.export({ studentId: source.other.id });
    expect(result.word.saved).toBe(true);
    const parsed = JSON.parse(readFileSync(join(source.exportsDir, 'Sem-de-Vries-inzage.json'), 'utf8')) as { dialogues: unknown[] };
    expect(parsed.dialogues).toEqual([]);
  });
});
