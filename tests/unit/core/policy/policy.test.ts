import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../../electron/core/policy/loadPolicy';
import { machinePolicyPath } from '../../../../electron/core/policy/policyPath';
import { REPO_ROOT } from '../../../harness/harness';
import { expectAppError, logLines, makeBackend, makeUnlockedBackend, PASSPHRASE } from '../../helpers/core';
import { tempDir } from '../../helpers/tempDir';

/** A policy file in a fresh folder (with the school's logo beside it); returns its path. */
function policyFile(content: unknown): string {
  const dir = tempDir();
  copyFileSync(join(REPO_ROOT, 'tests/fixtures/logo-vakcollege.png'), join(dir, 'logo.png'));
  const path = join(dir, 'policy.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

const SCHOOL = {
  version: 1,
  schoolName: 'Vakcollege De Delta',
  logo: 'logo.png',
  retentionYears: 3,
  autoLockMinutes: 5,
  backupKeepDays: 30,
  backupSchedule: 'daily',
  hideWhileSharing: true,
  audioRetentionDays: 14,
  locked: ['schoolName', 'retentionYears', 'backupKeepDays', 'hideWhileSharing', 'audioRetentionDays'],
};

describe('the policy file', () => {
  it('lives in the machine-wide place of each OS', () => {
    expect(machinePolicyPath('win32', { ProgramData: 'C:\\ProgramData' })).toBe('C:\\ProgramData\\Loopbaandialoog\\policy.json');
    expect(machinePolicyPath('win32', {})).toBe('C:\\ProgramData\\Loopbaandialoog\\policy.json');
    expect(machinePolicyPath('darwin', {})).toBe('/Library/Application Support/Loopbaandialoog/policy.json');
    expect(machinePolicyPath('linux', {})).toBe('/etc/loopbaandialoog/policy.json');
  });

  it('reads a valid file: values, locked keys, the logo beside it (PNG checked by its bytes)', () => {
    const policy = loadPolicy(policyFile(SCHOOL));
    expect(policy.status).toBe('applied');
    expect(policy.problems).toEqual([]);
    expect(policy.values.retentionYears).toBe(3);
    expect([...policy.locked].sort()).toEqual(['audioRetentionDays', 'backupKeepDays', 'hideWhileSharing', 'retentionYears', 'schoolName']);
    expect(policy.logo).toMatchObject({ mimeType: 'image/png' });
    expect(policy.logo!.width).toBeGreaterThan(0);
  });

  it('no file is no policy, and no problem', () => {
    const policy = loadPolicy(join(tempDir(), 'policy.json'));
    expect(policy).toMatchObject({ status: 'none', problems: [], locked: new Set() });
  });

  it('names what is wrong: not JSON, unknown keys, out of range, not allowed, locked without value', () => {
    expect(loadPolicy(policyFile('{ "schoolName": "De Delta", }')).problems).toEqual([{ code: 'not_json' }]);
    expect(loadPolicy(policyFile('[1, 2]')).problems).toEqual([{ code: 'not_object' }]);
    // A byte-order mark (Notepad) is fine.
    expect(loadPolicy(policyFile('\uFEFF{ "schoolName": "De Delta" }')).status).toBe('applied');
    expect(loadPolicy(policyFile({ schoolName: 'De Delta', retentionyears: 3, backup: {} })).problems).toEqual([
      { code: 'unknown_key', key: 'retentionyears' },
      { code: 'unknown_key', key: 'backup' },
    ]);
    expect(loadPolicy(policyFile({ retentionYears: 0, autoLockMinutes: 500 })).problems).toEqual([
      { code: 'out_of_range', key: 'retentionYears', min: 1, max: 20 },
      { code: 'out_of_range', key: 'autoLockMinutes', min: 1, max: 240 },
    ]);
    expect(loadPolicy(policyFile({ retentionYears: '2' })).problems).toEqual([{ code: 'wrong_type', key: 'retentionYears' }]);
    expect(loadPolicy(policyFile({ language: 'de', locked: ['schoolname'] })).problems).toEqual([
      { code: 'not_allowed', key: 'language', allowed: 'nl, en' },
      { code: 'not_allowed', key: 'locked.0', allowed: expect.stringContaining('schoolName') },
    ]);
    expect(loadPolicy(policyFile({ locked: ['retentionYears'] })).problems).toEqual([{ code: 'locked_without_value', key: 'retentionYears' }]);
    expect(loadPolicy(policyFile({ backupFolder: 'backups' })).problems).toEqual([{ code: 'not_absolute', key: 'backupFolder' }]);
  });

  it('refuses a file over 1 MB without reading it, and a logo that is not an image', () => {
    expect(loadPolicy(policyFile(`{"schoolName": "${'x'.repeat(1024 * 1024)}"}`)).problems).toEqual([{ code: 'too_large' }]);
    const dir = tempDir();
    writeFileSync(join(dir, 'logo.png'), 'dit is geen afbeelding');
    writeFileSync(join(dir, 'policy.json'), JSON.stringify({ logo: 'logo.png' }));
    expect(loadPolicy(join(dir, 'policy.json')).problems).toEqual([{ code: 'logo_invalid', key: 'logo' }]);
    expect(loadPolicy(policyFile({ logo: 'missing.png' })).problems).toEqual([{ code: 'logo_unreadable', key: 'logo' }]);
    // A folder where the file should be.
    const folder = join(tempDir(), 'policy.json');
    mkdirSync(folder);
    expect(loadPolicy(folder).problems).toEqual([{ code: 'unreadable' }]);
  });

  it('logs that a file was invalid with its code and key, never its values', () => {
    loadPolicy(policyFile({ schoolName: 'Geheime Naam College', retentionYears: 99 }));
    const line = logLines.find((entry) => entry.includes('policy.invalid'));
    expect(line).toContain('"first":"out_of_range"');
    expect(logLines.join('\n')).not.toContain('Geheime Naam');
  });
});

describe('a policy in force', () => {
  it('sets what it names at unlock, and locked values win over the mentor\'s', async () => {
    const { api } = await makeUnlockedBackend({ policyFile: policyFile(SCHOOL) });
    expect(await api.settings.get()).toMatchObject({ schoolName: 'Vakcollege De Delta', autoLockMinutes: 5, hideWhileSharing: true, audioRetentionDays: 14 });
    expect(await api.retention.getYears()).toEqual({ years: 3 });
    expect(await api.backups.getSettings()).toMatchObject({ keep: 30, automatic: true });
    expect(await api.settings.getLogo()).toMatchObject({ mimeType: 'image/png' });
    expect(await api.policy.get()).toMatchObject({ status: 'applied', schoolName: 'Vakcollege De Delta', problems: [] });
    expect((await api.policy.get()).locked).toContain('retentionYears');
  });

  it('refuses to change a locked setting with POLICY_LOCKED, and the vault keeps the school\'s value', async () => {
    const { api } = await makeUnlockedBackend({ policyFile: policyFile(SCHOOL) });
    const error = await expectAppError(api.retention.setYears({ years: 7 }), 'POLICY_LOCKED');
    expect(error.params).toEqual({ setting: 'retentionYears' });
    expect(await api.retention.getYears()).toEqual({ years: 3 });
    expect((await expectAppError(api.settings.update({ schoolName: 'Andere school' }), 'POLICY_LOCKED')).params).toEqual({ setting: 'schoolName' });
    expect((await expectAppError(api.backups.updateSettings({ keep: 7 }), 'POLICY_LOCKED')).params).toEqual({ setting: 'backupKeepDays' });
    await expectAppError(api.settings.update({ hideWhileSharing: false }), 'POLICY_LOCKED');
    await expectAppError(api.settings.update({ audioRetentionDays: 0 }), 'POLICY_LOCKED');
    expect(await api.settings.get()).toMatchObject({ schoolName: 'Vakcollege De Delta', hideWhileSharing: true, audioRetentionDays: 14 });
    expect(await api.backups.getSettings()).toMatchObject({ keep: 30 });
  });

  it('lets the locked value itself through (a form sends all its fields), and unlocked ones stay the mentor\'s', async () => {
    const { api } = await makeUnlockedBackend({ policyFile: policyFile(SCHOOL) });
    // autoLockMinutes is a default only: the mentor may change it, and it stays changed.
    expect(await api.settings.update({ schoolName: 'Vakcollege De Delta', autoLockMinutes: 15 })).toMatchObject({ autoLockMinutes: 15 });
    expect(await api.backups.updateSettings({ automatic: false })).toMatchObject({ automatic: false });
    expect(await api.retention.setYears({ years: 3 })).toEqual({ years: 3 });
    await api.vault.lock();
    await api.vault.unlock({ passphrase: PASSPHRASE });
    expect(await api.settings.get()).toMatchObject({ autoLockMinutes: 15 });
    expect(await api.backups.getSettings()).toMatchObject({ automatic: false });
  });

  it('puts a locked value back at the next unlock if the vault had another (a vault from before the policy)', async () => {
    const plain = await makeUnlockedBackend();
    await plain.api.retention.setYears({ years: 9 });
    await plain.api.settings.update({ schoolName: 'Oude naam' });
    await plain.api.vault.lock();
    plain.backend.close();
    const { api } = makeBackend({ dataDir: plain.dir, policyFile: policyFile(SCHOOL) });
    await api.vault.unlock({ passphrase: PASSPHRASE });
    expect(await api.retention.getYears()).toEqual({ years: 3 });
    expect(await api.settings.get()).toMatchObject({ schoolName: 'Vakcollege De Delta' });
  });

  it('locks the logo and the backup folder too', async () => {
    const folder = tempDir();
    const { api } = await makeUnlockedBackend({ policyFile: policyFile({ logo: 'logo.png', backupFolder: folder, locked: ['logo', 'backupFolder'] }) });
    expect(await api.backups.getSettings()).toMatchObject({ folder });
    await expectAppError(api.settings.clearLogo(), 'POLICY_LOCKED');
    await expectAppError(api.backups.chooseFolder(), 'POLICY_LOCKED');
    expect(await api.settings.getLogo()).not.toBeNull();
  });

  it('an invalid file gives the app\'s defaults, the problems through policy:get, and never stops the app', async () => {
    const path = policyFile({ schoolName: 'Vakcollege De Delta', retentionYears: 50, locked: ['retentionYears'] });
    const { api } = makeBackend({ policyFile: path });
    // While locked too: the unlock screen shows it.
    expect(await api.policy.get()).toEqual({
      status: 'invalid', path, schoolName: null, locked: [], packs: 0,
      problems: [{ code: 'out_of_range', key: 'retentionYears', min: 1, max: 20 }],
    });
    await api.vault.create({ passphrase: PASSPHRASE });
    expect(await api.settings.get()).toMatchObject({ schoolName: '' });
    expect(await api.retention.getYears()).toEqual({ years: 2 });
    expect(await api.retention.setYears({ years: 5 })).toEqual({ years: 5 });
  });

  it('loads the packs it names into every vault at unlock, once; a broken pack makes the file invalid', async () => {
    const path = policyFile({ packs: ['school.lbdpack'] });
    writeFileSync(join(path, '..', 'school.lbdpack'), JSON.stringify({
      format: 'loopbaandialoog-pack', version: 1, createdAt: '2026-11-01T00:00:00.000Z', origin: 'Vakcollege De Delta',
      templates: [{ name: 'Stagebezoek De Delta', kind: 'external', sections: [{ key: 'visit', title: 'Bezoek', prompt: 'Hoe ging het?', competence: null, private: false }] }],
      codes: [{ ref: 'c1', name: 'Schoolwaarde: zorgzaam', color: '#0072B2', parentRef: null }],
    }));
    const { api } = await makeUnlockedBackend({ policyFile: path });
    const named = async () => (await api.templates.list({ includeArchived: false })).filter((template) => template.name === 'Stagebezoek De Delta');
    expect(await named()).toHaveLength(1);
    expect((await api.codes.list()).filter((code) => code.name === 'Schoolwaarde: zorgzaam')).toHaveLength(1);
    const audits = async () => (await api.audit.list({ limit: 500 })).filter((entry) => entry.kind === 'exchange.imported').length;
    expect(await audits()).toBe(1);
    await api.vault.lock();
    await api.vault.unlock({ passphrase: PASSPHRASE });
    expect(await named()).toHaveLength(1);
    expect(await audits()).toBe(1);

    writeFileSync(join(path, '..', 'school.lbdpack'), '{"format": "loopbaandialoog-pack", "version": 1, "templates": "nee"}');
    expect(loadPolicy(path).problems).toEqual([{ code: 'pack_invalid', key: 'packs.0' }]);
    expect(loadPolicy(policyFile({ packs: ['missing.lbdpack'] })).problems).toEqual([{ code: 'pack_unreadable', key: 'packs.0' }]);
  });

  it('a locked language is the language before and after unlocking, and cannot be switched', async () => {
    const { api } = makeBackend({ policyFile: policyFile({ language: 'en', locked: ['language'] }) });
    expect((await api.vault.status()).language).toBe('en');
    await expectAppError(api.settings.setLanguage({ language: 'nl' }), 'POLICY_LOCKED');
    expect(await api.settings.setLanguage({ language: 'en' })).toEqual({ ok: true });
    // Unlocked, it is only the first language: the mentor may switch.
    const free = makeBackend({ policyFile: policyFile({ language: 'en' }) });
    expect((await free.api.vault.status()).language).toBe('en');
    await free.api.settings.setLanguage({ language: 'nl' });
    expect((await free.api.vault.status()).language).toBe('nl');
  });
});

describe('the README example for school IT', () => {
  it('is a valid policy file', async () => {
    const { readFileSync } = await import('node:fs');
    const { PolicyFile } = await import('../../../../shared/policySchemas');
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Voor de ICT-beheerder van de school'));
    const json = /```json\n([\s\S]*?)```/.exec(section)![1]!;
    expect(PolicyFile.safeParse(JSON.parse(json)).success).toBe(true);
  });
});
