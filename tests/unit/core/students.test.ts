import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PREFERENCES_FILE } from '../../../electron/core/preferences';
import { listAudit } from '../../../electron/core/repositories/auditRepository';
import { AppError } from '../../../shared/errors';
import { Backend } from '../../../electron/core/backend';
import { OTHER_PASSPHRASE, PASSPHRASE, TEST_SCRYPT, makeBackend, makeUnlockedBackend } from '../helpers/core';
import { tempDir } from '../helpers/tempDir';

describe('students', () => {
  it('creates, gets, updates, archives and restores through the backend', async () => {
    const { api, clock } = await makeUnlockedBackend();
    const created = await api.students.create({ displayName: '  Sanne de Wit  ', schoolType: 'vmbo-t', cohort: '2025' });
    expect(created).toMatchObject({
      displayName: 'Sanne de Wit', // trimmed
      schoolType: 'vmbo-t', cohort: '2025', programme: '', mentor: '', leavingDate: null, archivedAt: null,
      createdAt: new Date(clock.ms).toISOString(),
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await api.students.get({ id: created.id })).toEqual(created);

    clock.advance(60_000);
    const updated = await api.students.update({
      id: created.id,
      fields: { displayName: 'Sanne de Wit-Bos', schoolType: 'havo', leavingDate: '2027-07-01', mentor: 'Dhr. Peters' },
    });
    expect(updated).toMatchObject({ id: created.id, displayName: 'Sanne de Wit-Bos', schoolType: 'havo', leavingDate: '2027-07-01', mentor: 'Dhr. Peters', cohort: '' });
    expect(updated.createdAt).toBe(created.createdAt);
    expect(updated.updatedAt).toBe(new Date(clock.ms).toISOString());

    clock.advance(60_000);
    const archived = await api.students.archive({ id: created.id });
    expect(archived.archivedAt).toBe(new Date(clock.ms).toISOString());
    expect(await api.students.list()).toEqual([]);
    expect(await api.students.list({ includeArchived: true })).toEqual([archived]);
    expect(await api.students.get({ id: created.id })).toEqual(archived);

    const restored = await api.students.restore({ id: created.id });
    expect(restored.archivedAt).toBeNull();
    expect(await api.students.list()).toEqual([restored]);
  });

  it('lists active students first, sorted by name without regard to case', async () => {
    const { api } = await makeUnlockedBackend();
    for (const name of ['bram', 'Anna', 'Carla', 'aaron', 'Zoë', 'dirk']) await api.students.create({ displayName: name, schoolType: 'havo' });
    expect((await api.students.list()).map((s) => s.displayName)).toEqual(['aaron', 'Anna', 'bram', 'Carla', 'dirk', 'Zoë']);

    const [aaron] = await api.students.list();
    await api.students.archive({ id: aaron!.id });
    expect((await api.students.list()).map((s) => s.displayName)).toEqual(['Anna', 'bram', 'Carla', 'dirk', 'Zoë']);
    // With archived ones: active first, then archived.
    expect((await api.students.list({ includeArchived: true })).map((s) => s.displayName)).toEqual(['Anna', 'bram', 'Carla', 'dirk', 'Zoë', 'aaron']);
  });

  // Issue 15: 'the student list sorts "Ömer" and "émile" after "Zoë" (COLLATE NOCASE)'.
  it('sorts names in Dutch order: accented capitals under their letter, numbers by value, the group overview too', async () => {
    const { api } = await makeUnlockedBackend();
    const names = ['Zoë', 'Ömer', 'émile', 'Oscar', 'Emma', 'Ömer', 'omer', 'Şahin', 'Łukasz', 'Leerling 10', 'Leerling 2', 'Anna', 'Élodie', 'IJsbrand', 'Ilse'];
    for (const name of names) await api.students.create({ displayName: name, schoolType: 'havo' });
    const expected = ['Anna', 'Élodie', 'émile', 'Emma', 'IJsbrand', 'Ilse', 'Leerling 2', 'Leerling 10', 'Łukasz', 'omer', 'Ömer', 'Ömer', 'Oscar', 'Şahin', 'Zoë'];
    expect((await api.students.list()).map((s) => s.displayName)).toEqual(expected);
    // Screens that list students from the same read follow it.
    expect((await api.groups.overview({})).map((row) => row.displayName)).toEqual(expected);
  });

  it('answers NOT_FOUND for an id that does not exist', async () => {
    const { api } = await makeUnlockedBackend();
    await api.students.create({ displayName: 'Iemand', schoolType: 'vwo' });
    const id = randomUUID();
    const calls = [
      () => api.students.get({ id }),
      () => api.students.update({ id, fields: { displayName: 'X', schoolType: 'vwo' } }),
      () => api.students.archive({ id }),
      () => api.students.restore({ id }),
    ];
    for (const call of calls) {
      const error = await call().then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('NOT_FOUND');
    }
    expect((await api.students.list({ includeArchived: true })).map((s) => s.displayName)).toEqual(['Iemand']);
  });

  it('keeps students across lock and unlock', async () => {
    const { api } = await makeUnlockedBackend();
    const created = await api.students.create({ displayName: 'Lotte', schoolType: 'mbo-4' });
    await api.vault.lock();
    await expect(api.students.get({ id: created.id })).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    await api.vault.unlock({ passphrase: PASSPHRASE });
    expect(await api.students.get({ id: created.id })).toEqual(created);
  });
});

describe('settings', () => {
  it('starts with the defaults', async () => {
    const { api } = await makeUnlockedBackend();
    expect(await api.settings.get()).toEqual({ language: 'nl', autoLockMinutes: 10, schoolName: '', hideWhileSharing: false, audioRetentionDays: 30 });
  });

  it('validates ranges and keeps what was saved', async () => {
    const { api } = await makeUnlockedBackend();
    for (const autoLockMinutes of [0, 241, -5, 2.5]) {
      await expect(api.settings.update({ autoLockMinutes })).rejects.toMatchObject({ code: 'VALIDATION', params: { field: 'autoLockMinutes' } });
    }
    await expect(api.settings.update({ schoolName: 'x'.repeat(201) })).rejects.toMatchObject({ code: 'VALIDATION', params: { field: 'schoolName' } });
    expect(await api.settings.update({ autoLockMinutes: 1 })).toMatchObject({ autoLockMinutes: 1 });
    expect(await api.settings.update({ autoLockMinutes: 240, schoolName: 'Het Baken' })).toEqual({ language: 'nl', autoLockMinutes: 240, schoolName: 'Het Baken', hideWhileSharing: false, audioRetentionDays: 30 });
    await api.vault.lock();
    await api.vault.unlock({ passphrase: PASSPHRASE });
    expect(await api.settings.get()).toEqual({ language: 'nl', autoLockMinutes: 240, schoolName: 'Het Baken', hideWhileSharing: false, audioRetentionDays: 30 });
  });

  it('setLanguage works while locked and is kept in preferences.json', async () => {
    const { api, dir } = await makeUnlockedBackend();
    const prefs = join(dir, PREFERENCES_FILE);
    expect(JSON.parse(readFileSync(prefs, 'utf8'))).toEqual({ language: 'nl' });
    await api.vault.lock();

    await expect(api.settings.setLanguage({ language: 'en' })).resolves.toEqual({ ok: true });
    expect(JSON.parse(readFileSync(prefs, 'utf8'))).toEqual({ language: 'en' });
    expect((await api.vault.status()).language).toBe('en');

    // A restart reads it back before any unlock.
    const restarted = new Backend({ dataDir: dir, appVersion: 't', scryptParams: TEST_SCRYPT });
    try {
      expect(await restarted.dispatch('vault:status', {})).toMatchObject({ ok: true, value: { state: 'locked', language: 'en' } });
      await restarted.dispatch('vault:unlock', { passphrase: PASSPHRASE });
      expect(await restarted.dispatch('settings:get', {})).toMatchObject({ ok: true, value: { language: 'en' } });
    } finally {
      restarted.close();
    }
    await expect(api.settings.setLanguage({ language: 'fr' as 'en' })).rejects.toMatchObject({ code: 'VALIDATION', params: { field: 'language' } });
  });

  it('a language chosen before the first vault is kept in memory, then written when the vault is made', async () => {
    const dir = join(tempDir(), 'new-profile');
    const { api } = makeBackend({ dataDir: dir });
    await api.settings.setLanguage({ language: 'en' });
    expect(existsSync(dir)).toBe(false);
    expect((await api.vault.status()).language).toBe('en');
    // English feedback rules apply to the passphrase now, and the choice is written with the vault.
    await api.vault.create({ passphrase: OTHER_PASSPHRASE });
    expect(JSON.parse(readFileSync(join(dir, PREFERENCES_FILE), 'utf8'))).toEqual({ language: 'en' });
  });
});

describe('audit log', () => {
  it('records what happened, with no names in the details', async () => {
    const { api, backend, clock } = await makeUnlockedBackend();
    const name = 'Daan van der Berg';
    const student = await api.students.create({ displayName: name, schoolType: 'havo', mentor: 'Mevr. Smit' });
    await api.students.archive({ id: student.id });
    await api.students.restore({ id: student.id });
    clock.advance(1000);
    await api.vault.lock();
    await expect(api.vault.unlock({ passphrase: OTHER_PASSPHRASE })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await api.vault.unlock({ passphrase: PASSPHRASE });

    const events = listAudit(backend.vault.database()).reverse();
    expect(events.map((e) => e.kind)).toEqual([
      'vault.created', 'student.created', 'student.archived', 'student.restored', 'vault.locked', 'vault.unlock_failed', 'vault.unlocked',
    ]);
    expect(events.find((e) => e.kind === 'vault.unlocked')?.detail).toEqual({ method: 'passphrase' });
    expect(events.find((e) => e.kind === 'vault.unlock_failed')?.detail).toEqual({ count: 1 });
    expect(events.find((e) => e.kind === 'student.created')?.detail).toEqual({});
    const raw = JSON.stringify(backend.vault.database().prepare('SELECT * FROM audit_events').all());
    for (const part of ['Daan', 'Berg', 'Smit', student.id]) expect(raw).not.toContain(part);
    expect(events.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
  });
});
