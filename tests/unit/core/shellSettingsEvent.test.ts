import { describe, expect, it } from 'vitest';
import type { BackendEvent } from '../../../shared/events';
import { parseEvent } from '../../../shared/events';
import { makeBackend, PASSPHRASE } from '../helpers/core';

// The Electron main process cannot read the vault, yet it must set the window's content
// protection from a vault setting: the backend tells it in a 'settings:changed' event.
describe('settings:changed', () => {
  function recorder() {
    const made = makeBackend();
    const seen: BackendEvent[] = [];
    made.backend.onEvent((event) => seen.push(event));
    const changes = () => seen.filter((event) => event.name === 'settings:changed').map((event) => event.payload);
    return { ...made, changes };
  }

  it('is sent at every unlock, with the stored value', async () => {
    const { api, changes } = recorder();
    await api.vault.create({ passphrase: PASSPHRASE });
    await expect.poll(changes).toEqual([{ language: 'nl', hideWhileSharing: false }]);
    await api.settings.update({ hideWhileSharing: true });
    await api.vault.lock();
    await api.vault.unlock({ passphrase: PASSPHRASE });
    await expect.poll(() => changes().at(-1)).toEqual({ language: 'nl', hideWhileSharing: true });
  });

  it('follows settings:update and settings:setLanguage, and says nothing while locked', async () => {
    const { api, changes } = recorder();
    await api.vault.create({ passphrase: PASSPHRASE });
    await expect.poll(() => changes().length).toBe(1);
    expect(await api.settings.update({ hideWhileSharing: true })).toMatchObject({ hideWhileSharing: true });
    expect(changes().at(-1)).toEqual({ language: 'nl', hideWhileSharing: true });
    await api.settings.setLanguage({ language: 'en' });
    expect(changes().at(-1)).toEqual({ language: 'en', hideWhileSharing: true });
    // Other channels do not send it.
    const before = changes().length;
    await api.students.list();
    expect(changes()).toHaveLength(before);

    await api.vault.lock();
    await api.settings.setLanguage({ language: 'nl' });
    expect(changes()).toHaveLength(before);
  });

  it('crosses the process boundary only in its exact shape', () => {
    expect(parseEvent({ name: 'settings:changed', payload: { language: 'en', hideWhileSharing: true } })).not.toBeNull();
    expect(parseEvent({ name: 'settings:changed', payload: { language: 'de', hideWhileSharing: true } })).toBeNull();
    expect(parseEvent({ name: 'settings:changed', payload: { language: 'nl', hideWhileSharing: 'yes' } })).toBeNull();
    expect(parseEvent({ name: 'settings:changed', payload: { language: 'nl', hideWhileSharing: true, schoolName: 'X' } })).toBeNull();
  });
});
