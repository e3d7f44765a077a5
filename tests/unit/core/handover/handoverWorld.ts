import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { setTransferScryptParams } from '../../../../electron/core/handover/handoverFile';
import { SCRYPT_PARAMS } from '../../../../electron/core/vault/keyWrap';
import type { Api } from '../../../../shared/api';
import type { TemplateVersion } from '../../../../shared/dialogueSchemas';
import { makeUnlockedBackend, TEST_SCRYPT } from '../../helpers/core';
import { docFor, leaf, paragraph } from '../../helpers/dialogues';
import { folderTarget, makeExportWorld } from '../export/serviceWorld';
import { tempDir } from '../../helpers/tempDir';

/** Cheap transfer-passphrase scrypt for the tests of this file. */
export function cheapTransferScrypt(): void {
  beforeAll(() => setTransferScryptParams(TEST_SCRYPT));
  afterAll(() => setTransferScryptParams(SCRYPT_PARAMS));
}

export const TRANSFER = 'blauwe walvis zingt onder de brug';
export const NAME = 'Noor el Amrani';
export const SECRET_TEXT = 'Ik wil later dierenarts worden in Zeeland';
export const PRIVATE_TEXT = 'Mentor vermoedt zorgen thuis rond geld';

/**
 * Vault A with one richly filled student: a placement, a custom template (with a private
 * section), a finalised dialogue with an amendment, tagged passages with a built-in code and a
 * nested custom code, actions, and a second dialogue on a built-in template.
 */
export async function makeSourceWorld() {
  const world = await makeExportWorld({ displayName: NAME });
  const { api, student } = world;
  const placement = await api.placements.create({ studentId: student.id, organisation: 'Dierenkliniek Oost', supervisor: 'Dr. Visser' });
  const copied = await api.templates.copy({ templateId: world.template('intake').templateId });
  const custom: TemplateVersion = await api.templates.saveVersion({
    templateId: copied.templateId, name: 'Mijn eigen gesprek', kind: 'internal',
    sections: [
      { key: 'wish', title: 'Wens', prompt: 'Wat wil je?', competence: 'motives', private: false },
      { key: 'notes', title: 'Eigen notities', prompt: '', competence: null, private: true },
    ],
  });
  const parentCode = await api.codes.create({ name: 'Toekomstbeeld', color: '#123456' });
  const childCode = await api.codes.create({ name: 'Dieren', color: '#654321', parentId: parentCode.id });

  const first = await api.dialogues.create({
    studentId: student.id, templateVersionId: custom.id, heldOn: '2025-09-01', title: 'Eerste gesprek',
    participants: [{ name: 'Noor', role: 'student' }, { name: 'Mevr. Smit', role: 'mentor' }], placementId: placement.id,
  });
  const tag = await api.annotations.create({ dialogueId: first.id, codeId: childCode.id, memo: 'Sterke motivatie' });
  const boundary = await api.annotations.create({
    dialogueId: first.id, codeId: world.code('boundaryExperience'), memo: 'Lastig', attributes: { dilemmaType: 'ethical', context: 'internship' },
  });
  await api.dialogues.save({
    id: first.id, revision: 1,
    content: docFor(custom, {
      wish: [paragraph(leaf('Begin. '), leaf(SECRET_TEXT, tag.id), leaf(' en '), leaf('soms twijfel ik', boundary.id))],
      notes: [paragraph(leaf(PRIVATE_TEXT))],
    }),
  });
  const action = await api.actions.create({ studentId: student.id, text: 'Meeloopdag regelen', owner: 'student', dialogueId: first.id, annotationId: tag.id, dueDate: '2025-10-01' });
  const done = await api.actions.create({ studentId: student.id, text: 'Cv bijwerken', owner: 'mentor' });
  await api.actions.setDone({ id: done.id, done: true });
  await api.dialogues.finalise({ id: first.id, revision: 2 });
  await api.dialogues.addAmendment({ id: first.id, text: 'Later toegevoegd: stage bevalt goed' });

  const intake = world.template('intake');
  const second = await api.dialogues.create({ studentId: student.id, templateVersionId: intake.id, heldOn: '2025-10-15', title: 'Tweede', participants: [] });
  await api.dialogues.save({ id: second.id, revision: 1, content: docFor(intake, { [intake.sections[0]!.key]: [paragraph(leaf('Tweede gesprek tekst'))] }) });

  // Someone else, who must never travel along.
  const other = await api.students.create({ displayName: 'Sem de Vries', schoolType: 'havo' });
  await api.actions.create({ studentId: other.id, text: 'Van Sem', owner: 'mentor' });

  return { ...world, placement, custom, parentCode, childCode, first, second, tag, boundary, action, other };
}

/** Exports the student's handover file and returns its bytes. */
export async function exportFile(world: { api: Api; student: { id: string }; exportsDir: string }, passphrase = TRANSFER): Promise<Buffer> {
  const result = await world.api.handover.export({ studentId: world.student.id, transferPassphrase: passphrase });
  if (!result.saved || !result.location) throw new Error('not saved');
  return readFileSync(join(result.location, result.fileName));
}

/** A second, fresh vault (another mentor's laptop). */
export async function makeTargetWorld() {
  const exportsDir = tempDir('lbd-target-exports-');
  return { ...(await makeUnlockedBackend({ saveTarget: folderTarget(exportsDir) })), exportsDir };
}

export function filesIn(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** Step one of an import (handover:inspect). */
export function inspectFile(api: Api, file: Buffer, transferPassphrase = TRANSFER) {
  return api.handover.inspect({ dataBase64: file.toString('base64'), transferPassphrase });
}

/** Both steps: inspect, then act; `replace` types the local name the inspection showed unless told otherwise. */
export async function importFile(api: Api, file: Buffer, action: 'import' | 'replace' | 'copy' | 'skip', confirmName?: string) {
  const inspection = await inspectFile(api, file);
  const typed = confirmName ?? (action === 'replace' ? inspection.local?.name : undefined);
  return api.handover.import({ token: inspection.token, action, ...(typed !== undefined ? { confirmName: typed } : {}) });
}
