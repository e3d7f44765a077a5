import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/core/backend';
import { commitErasure } from '../../../electron/core/erasure/erasure';
import { isScrubPending } from '../../../electron/core/erasure/scrubPending';
import type { Api } from '../../../shared/api';
import type { DialogueDoc } from '../../../shared/editorDoc';
import { AppError } from '../../../shared/errors';
import { logLines, makeUnlockedBackend, PASSPHRASE } from '../helpers/core';
import { docFor, leaf, paragraph } from '../helpers/dialogues';
import { decryptedPages, tracesIn } from '../helpers/sqlcipherPages';
import { tempDir } from '../helpers/tempDir';

// Issue 12: erasure:erase commits on the host and scrubs in the erasureScrub job (ErasureScrubber).

const NAME = 'Quokkaline Vlinderbergh';
const SECRET = 'Geheimtekstnarwal58 wil piloot worden';
const KEPT = 'Blijvende Bertha';

async function studentWithDialogue(api: Api, name: string, text: string) {
  const student = await api.students.create({ displayName: name, schoolType: 'havo' });
  const template = (await api.templates.list({})).find((t) => t.builtinKey)!;
  const dialogue = await api.dialogues.create({ studentId: student.id, templateVersionId: template.id, heldOn: '2026-11-02', title: 'Gesprek', participants: [] });
  const content = docFor(template, { [template.sections[0]!.key]: [paragraph(leaf(text))] });
  const saved = await api.dialogues.save({ id: dialogue.id, revision: dialogue.revision, content });
  return { student, dialogue: { id: dialogue.id, revision: saved.revision }, template };
}

/**
 * Makes the vault big enough that its VACUUM takes a while: `megabytes` of dialogue text of a
 * third student (random hex, so nothing shrinks), written with SQL since only its size matters.
 */
async function addBallast(backend: Backend, api: Api, megabytes: number): Promise<void> {
  const { dialogue } = await studentWithDialogue(api, 'Ballast Bram', 'ballast');
  const rows = Math.ceil(megabytes * 5);
  backend.vault.database().prepare(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
    INSERT INTO dialogues (id, student_id, template_version_id, kind, held_on, title, content, created_at, updated_at)
    SELECT 'ballast-' || i, student_id, template_version_id, kind, held_on, title, '["' || hex(randomblob(100000)) || '"]', created_at, updated_at
    FROM n, dialogues WHERE dialogues.id = ?`).run(rows, dialogue.id);
  backend.vault.database().pragma('wal_checkpoint(TRUNCATE)');
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

describe('erasure:erase scrubs in a job (issue 12)', () => {
  it('leaves no byte of the student in the decrypted pages of vault.db or its WAL when it answers, and scrubbed in the job', async () => {
    const { backend, api } = await makeUnlockedBackend();
    await studentWithDialogue(api, KEPT, 'Blijftekst over de stage');
    const { student } = await studentWithDialogue(api, NAME, SECRET);
    const { dataKey } = backend.vault.keyMaterial();
    const needles = [NAME, 'Geheimtekstnarwal58'];
    // Control: the decryption reads the pages, so the scan sees the student while they exist.
    expect(tracesIn(decryptedPages(backend.vault.dbPath, dataKey), needles)).toEqual(needles);

    await api.erasure.erase({ studentId: student.id, confirmName: NAME });

    const pages = decryptedPages(backend.vault.dbPath, dataKey);
    expect(tracesIn(pages, needles)).toEqual([]);
    // Not blind: the other student's name and text are still in the pages.
    expect(tracesIn(pages, [KEPT, 'Blijftekst'])).toHaveLength(2);
    // The scrub ran in the job (it logs its stages from the worker's progress), and finished.
    expect(logLines.filter((line) => line.includes('"erasure.scrub_stage"')).map((line) => JSON.parse(line).stage)).toEqual(['optimized', 'vacuumed', 'done']);
    const db = backend.vault.database();
    expect(isScrubPending(db)).toBe(false);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) FROM students WHERE id = ?').pluck().get(student.id)).toBe(0);
    dataKey.fill(0);
  });

  it('answers students:list within a few hundred ms during a scrub that takes seconds, and keeps a save made meanwhile', async () => {
    const { backend, api } = await makeUnlockedBackend();
    const kept = await studentWithDialogue(api, KEPT, 'Blijftekst');
    const { student } = await studentWithDialogue(api, NAME, SECRET);
    await addBallast(backend, api, 40);

    const content: DialogueDoc = docFor(kept.template, { [kept.template.sections[0]!.key]: [paragraph(leaf('Nieuw bewaard tijdens het opruimen'))] });
    const started = performance.now();
    const erased = api.erasure.erase({ studentId: student.id, confirmName: NAME });
    let done = false;
    void erased.finally(() => { done = true; });

    // The mentor goes on meanwhile: lists students, and, once the erasure has committed (the
    // student is gone from the list) while its scrub is still pending, types on in another dialogue.
    const latencies: number[] = [];
    let save: Promise<{ revision: number }> | null = null;
    let pendingWhenSaved: boolean | null = null;
    while (!done) {
      const asked = performance.now();
      const names = (await api.students.list({})).map((s) => s.displayName);
      latencies.push(performance.now() - asked);
      if (!save && !names.includes(NAME)) {
        pendingWhenSaved = isScrubPending(backend.vault.database());
        save = api.dialogues.save({ id: kept.dialogue.id, revision: kept.dialogue.revision, content });
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const eraseMs = performance.now() - started;
    expect((await erased).ok).toBe(true);

    // The erasure took long enough to matter, and reads were answered all through it.
    expect(eraseMs).toBeGreaterThan(1000);
    expect(latencies.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...latencies)).toBeLessThan(300);
    // The save went in while the scrub was pending; it waited for the scrub (it would have
    // stalled this thread in busy_timeout), was acknowledged with the next revision, and is kept.
    expect(save).not.toBeNull();
    expect(pendingWhenSaved).toBe(true);
    const saved = await save!;
    expect(saved.revision).toBe(kept.dialogue.revision + 1);
    const reread = await api.dialogues.get({ id: kept.dialogue.id });
    expect(JSON.stringify(reread.content)).toContain('Nieuw bewaard tijdens het opruimen');
    expect(isScrubPending(backend.vault.database())).toBe(false);
  }, 120_000);

  it('answers a write that outwaits its bound VAULT_BUSY at once instead of stalling in SQLite, and the same save goes in after the scrub', async () => {
    const { backend, api } = await makeUnlockedBackend({ scrubWaitMs: () => 100 });
    const kept = await studentWithDialogue(api, KEPT, 'Blijftekst');
    const { student } = await studentWithDialogue(api, NAME, SECRET);
    await addBallast(backend, api, 40);
    const content: DialogueDoc = docFor(kept.template, { [kept.template.sections[0]!.key]: [paragraph(leaf('Na het opruimen bewaard'))] });

    const erased = api.erasure.erase({ studentId: student.id, confirmName: NAME });
    await until(() => backend.erasureScrub.isRunning);
    const asked = performance.now();
    const refused = await api.dialogues.save({ id: kept.dialogue.id, revision: kept.dialogue.revision, content }).then(
      () => null, (error: unknown) => error as AppError,
    );
    const refusedMs = performance.now() - asked;
    // Refused by name within its bound (plus the dispatch), not after busy_timeout's 5 s on the host thread.
    expect(backend.erasureScrub.isRunning).toBe(true);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused?.code).toBe('VAULT_BUSY');
    expect(refusedMs).toBeLessThan(2_000);
    // Nothing of it was written.
    expect(JSON.stringify((await api.dialogues.get({ id: kept.dialogue.id })).content)).not.toContain('Na het opruimen bewaard');

    expect((await erased).ok).toBe(true);
    const saved = await api.dialogues.save({ id: kept.dialogue.id, revision: kept.dialogue.revision, content });
    expect(saved.revision).toBe(kept.dialogue.revision + 1);
  }, 120_000);

  it('resumes a cut-off scrub at unlock before the automatic backup starts', async () => {
    const backupDir = tempDir();
    const { backend, api } = await makeUnlockedBackend({ folderPicker: { chooseFolder: async () => backupDir } });
    await api.backups.chooseFolder();
    const { student } = await studentWithDialogue(api, NAME, SECRET);
    // As a host killed between the erasure's commit and its scrub leaves it: committed, marked.
    commitErasure(backend.vault.database(), student.id, NAME, Date.now);
    await api.vault.lock();

    const pendingAtBackup: boolean[] = [];
    backend.onEvent((event) => {
      if (event.name === 'backup:progress' || event.name === 'backup:finished') pendingAtBackup.push(isScrubPending(backend.vault.database()));
    });
    await api.vault.unlock({ passphrase: PASSPHRASE });
    await until(() => !backend.erasureScrub.isRunning && pendingAtBackup.length > 0);
    await backend.backups.whenIdle();
    expect(pendingAtBackup.length).toBeGreaterThan(0);
    expect(pendingAtBackup).not.toContain(true);
    expect(isScrubPending(backend.vault.database())).toBe(false);
    expect(logLines.some((line) => line.includes('"erasure.scrubbed"') && line.includes('"resumed"'))).toBe(true);
  });
});
