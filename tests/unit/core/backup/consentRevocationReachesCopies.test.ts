import { copyFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../../electron/core/repositories/auditRepository';
import { RECORDER_MIME } from '../../../../shared/recordingSchemas';
import { chosenFilePicker } from '../../../harness/chosenFile';
import { fixedFolderPicker } from '../../../harness/folderSaveTarget';
import { makeUnlockedBackend, PASSPHRASE } from '../../helpers/core';
import { newDialogue } from '../../helpers/dialogues';
import { tempDir } from '../../helpers/tempDir';

// Issue 17 point 1 ("revoking deletes the recordings") meets issue 14 point 1 (a copy that comes
// back must not undo a removal): a backup made while the consent held still has the consent and
// the audio. Restoring it must revoke that consent again and delete those recordings.

async function world({ revoke = true } = {}) {
  const backupsDir = join(tempDir(), 'backups');
  const picker = chosenFilePicker(null);
  const made = await makeUnlockedBackend({ folderPicker: fixedFolderPicker(backupsDir), openFilePicker: picker });
  await made.api.backups.chooseFolder();
  const { api } = made;
  const student = await api.students.create({ displayName: 'Saar Opname', schoolType: 'havo' });
  const intake = (await api.templates.list()).find((t) => t.builtinKey === 'intake')!;
  const dialogue = await newDialogue(api, student.id, intake);
  const consent = await api.consent.register({ studentId: student.id, givenOn: '2026-09-01', givenBy: 'parent_guardian', purpose: 'Gesprekken terugluisteren' });
  const recording = await api.recordings.start({ dialogueId: dialogue.id, mime: RECORDER_MIME });
  await api.recordings.appendChunk({ recordingId: recording.id, seq: 0, bytes: new Uint8Array(randomBytes(5000)), elapsedMs: 1000 });
  await api.recordings.finish({ recordingId: recording.id, durationMs: 1000 });
  // The backup made while the consent held, kept elsewhere as a mentor might.
  const { backup } = await api.backups.run();
  const copy = join(tempDir(), backup.fileName);
  copyFileSync(join(backupsDir, backup.fileName), copy);
  if (revoke) await api.consent.revoke({ studentId: student.id });
  return { ...made, backupsDir, picker, student, dialogue, consent, fileName: backup.fileName, copy };
}

type World = Awaited<ReturnType<typeof world>>;

async function expectRevokedWithoutAudio(w: World): Promise<void> {
  expect(await w.api.consent.get({ studentId: w.student.id })).toBeNull();
  expect(await w.api.recordings.list({ dialogueId: w.dialogue.id })).toEqual([]);
  const db = w.backend.vault.database();
  expect(db.prepare('SELECT count(*) FROM recording_chunks').pluck().get()).toBe(0);
  // The revocation is still on record in the restored vault, so the next restore knows it too.
  expect(db.prepare('SELECT revoked_at FROM consents WHERE id = ?').pluck().get(w.consent.id)).toEqual(expect.any(String));
}

describe('a backup made before a consent was revoked', () => {
  it('backups:restore revokes it again and deletes the recordings before the vault is shown', async () => {
    const w = await world();
    copyFileSync(w.copy, join(w.backupsDir, w.fileName));
    await w.api.backups.restore({ fileName: w.fileName });
    await expectRevokedWithoutAudio(w);
    const audit = listAudit(w.backend.vault.database(), 20).find((entry) => entry.kind === 'consent.revoked' && 'again' in entry.detail);
    expect(audit?.detail).toEqual({ again: 1, recordings: 1 });
  });

  it('restore from a file, over the open vault and from the unlock screen, revokes it again too', async () => {
    const w = await world();
    w.picker.select(w.copy);
    const picked = await w.api.vault.pickBackup({});
    await w.api.vault.restoreFromBackup({ token: picked!.token, method: 'passphrase', passphrase: PASSPHRASE, replaceCurrent: true });
    await expectRevokedWithoutAudio(w);

    await w.api.vault.lock();
    w.picker.select(w.copy);
    const again = await w.api.vault.pickBackup({});
    await w.api.vault.restoreFromBackup({ token: again!.token, method: 'passphrase', passphrase: PASSPHRASE, replaceCurrent: true });
    await expectRevokedWithoutAudio(w);
  });

  it('a consent that still holds stays, with its recordings, through the same restore', async () => {
    const w = await world({ revoke: false });
    await w.api.backups.restore({ fileName: w.fileName });
    expect(await w.api.consent.get({ studentId: w.student.id })).toMatchObject({ id: w.consent.id });
    expect((await w.api.recordings.list({ dialogueId: w.dialogue.id })).length).toBe(1);
  });
});
