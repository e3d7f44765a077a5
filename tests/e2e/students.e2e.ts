import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { CHANNELS } from '../../shared/contract';
import { type App, FAST_KDF, hook, openApp, openUnlockedApp, PASSPHRASE } from './fixtures';

const nl = catalogs.nl;
let app: App | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

describe('student list', () => {
  it('adds students, sorted by name, with their school type in words', async () => {
    app = await openUnlockedApp();
    await app.students.add({ displayName: 'Youssef El Amrani', schoolType: 'vmbo-k', cohort: '3B' });
    await app.students.add({ displayName: 'anna de Wit', schoolType: 'mbo-2' });
    expect(await app.students.names()).toEqual(['anna de Wit', 'Youssef El Amrani']);
    await app.page.getByRole('cell', { name: nl.students.schoolTypes['vmbo-k'] }).waitFor();
    await app.page.getByText('2 leerlingen').waitFor();
  });

  it('edits a student and keeps the change after locking and unlocking', async () => {
    app = await openUnlockedApp();
    await app.students.add({ displayName: 'Sanne de Vries', schoolType: 'mbo-3' });
    await app.page.getByRole('button', { name: `${nl.common.edit}: Sanne de Vries` }).click();
    await app.students.fillForm({ programme: 'Verzorgende IG', leavingDate: '2027-07-01' });
    await app.students.save();
    await app.vault.lock();
    await app.vault.unlock('fiets lantaarn oktober kompas');
    await app.page.getByRole('cell', { name: 'Verzorgende IG' }).waitFor();
    await app.page.getByRole('cell', { name: '1 jul 2027' }).waitFor();
  });

  it('archives with undo, hides archived students, and restores them', async () => {
    app = await openUnlockedApp();
    await app.students.add({ displayName: 'Daan Visser', schoolType: 'vwo' });
    await app.students.archive('Daan Visser');
    await app.page.getByText('Daan Visser is gearchiveerd.').waitFor();
    expect(await app.students.names()).toEqual([]);
    await app.page.getByRole('button', { name: nl.common.undo }).click();
    await app.page.getByRole('rowheader', { name: 'Daan Visser' }).waitFor();

    await app.students.archive('Daan Visser');
    await app.page.getByLabel(nl.students.showArchived).check();
    await app.page.getByText(nl.students.archived, { exact: true }).waitFor();
    await app.page.getByRole('button', { name: `${nl.students.restore}: Daan Visser` }).click();
    await app.page.getByLabel(nl.students.showArchived).uncheck();
    expect(await app.students.names()).toEqual(['Daan Visser']);
  });

  it('filters the list as the mentor types', async () => {
    app = await openUnlockedApp();
    await app.students.add({ displayName: 'Sanne de Vries', schoolType: 'mbo-3' });
    await app.students.add({ displayName: 'Youssef El Amrani', schoolType: 'vmbo-k' });
    await app.page.getByPlaceholder(nl.students.search).fill('yous');
    expect(await app.students.names()).toEqual(['Youssef El Amrani']);
    await app.page.getByPlaceholder(nl.students.search).fill('xyz');
    await app.page.getByText(nl.students.noMatch.replace('{{query}}', 'xyz')).waitFor();
  });

  it('is fully usable from the keyboard: open the form, fill it, save', async () => {
    app = await openUnlockedApp();
    await app.page.getByRole('button', { name: `+ ${nl.students.add}` }).first().focus();
    await app.page.keyboard.press('Enter');
    await app.page.getByRole('dialog').waitFor();
    await app.page.keyboard.type('Lotte Mulder');
    await app.page.keyboard.press('Enter');
    await app.page.getByRole('rowheader', { name: 'Lotte Mulder' }).waitFor();
    // Escape closes the dialog without saving.
    await app.page.getByRole('button', { name: `+ ${nl.students.add}` }).first().click();
    await app.page.keyboard.type('Niet bewaren');
    await app.page.keyboard.press('Escape');
    await app.page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await app.students.names()).toEqual(['Lotte Mulder']);
  });
});

describe('when saving fails', () => {
  it('shows a translated message and keeps everything the mentor typed', async () => {
    // The host loads this module, whose handler table fails students:create with DISK_FULL.
    app = await openApp({ ...FAST_KDF, backend: { ...FAST_KDF.backend, testHooks: hook('studentsCreateDiskFull') } });
    await app.vault.waitForCreate();
    await app.vault.typeNewPassphrase(PASSPHRASE);
    await app.vault.submitCreate();
    await app.vault.confirmRecoveryKey();
    await app.students.openAddDialog();
    await app.students.fillForm({ displayName: 'Sanne de Vries', programme: 'Verzorgende IG' });
    await app.page.getByRole('dialog').getByRole('button', { name: nl.common.save }).click();
    const dialog = app.page.getByRole('dialog');
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByRole('alert').textContent()).toBe(nl.errors.DISK_FULL);
    expect(await dialog.getByLabel(nl.students.fields.displayName).inputValue()).toBe('Sanne de Vries');
    expect(await dialog.getByLabel(nl.students.fields.programme).inputValue()).toBe('Verzorgende IG');
  });
});

describe('the boundary', () => {
  it('refuses malformed requests from the page with a validation error and stores nothing', async () => {
    app = await openUnlockedApp();
    const results = await app.page.evaluate(async () => {
      const api = window.api!;
      return [
        await api.students.create({ displayName: '', schoolType: 'havo' } as never),
        await api.students.create({ displayName: 'X', schoolType: 'gymnasium' } as never),
        await api.students.create({ displayName: 'X', schoolType: 'havo', leavingDate: '2025-02-30' } as never),
        await api.students.create({ displayName: 'X', schoolType: 'havo', extra: 1 } as never),
      ];
    });
    for (const result of results) expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await app.page.evaluate(() => window.api!.students.list({}))).toEqual({ ok: true, value: [] });
  });

  it('exposes a frozen API with one method per channel and no raw transport', async () => {
    app = await openUnlockedApp();
    const shape = await app.page.evaluate(() => ({
      frozen: Object.isFrozen(window.api) && Object.isFrozen(window.api!.students),
      keys: Object.keys(window.api!).sort(),
    }));
    expect(shape.frozen).toBe(true);
    expect(shape.keys).toEqual([...new Set(CHANNELS.map((channel) => channel.split(':')[0]))].sort());
    expect(shape.keys).toContain('vault');
  });

  it('makes no network request, and the CSP stops one the page would try', async () => {
    app = await openUnlockedApp();
    const blocked = await app.page.evaluate(async () => {
      try {
        await fetch('https://example.org/');
        return false;
      } catch {
        return true;
      }
    });
    expect(blocked).toBe(true);
    expect(app.harness.blockedRequests).toEqual([]);
  });
});
