import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderSaveTarget } from '../../../harness/folderSaveTarget';
import { newDialogue } from '../../helpers/dialogues';
import { makeUnlockedBackend } from '../../helpers/core';
import { tempDir } from '../../helpers/tempDir';
import { ZIP_MAGIC } from './serviceWorld';

describe('the harness SaveTarget (folderSaveTarget)', () => {
  it('creates the folder on first use and answers with the suggested name in it, without asking', async () => {
    const root = tempDir('lbd-harness-');
    const exportsDir = join(root, 'tour', 'exports');
    const target = folderSaveTarget(exportsDir);
    expect(existsSync(exportsDir)).toBe(false);
    expect(await target.choose('Noor-portfolio.docx')).toBe(join(exportsDir, 'Noor-portfolio.docx'));
    expect(readdirSync(exportsDir)).toEqual([]);
    // A second time, with the folder already there.
    expect(await target.choose('b.docx')).toBe(join(exportsDir, 'b.docx'));
  });

  it('lets a Backend export into `<dir>/exports` beside a `<dir>/profile`', async () => {
    const root = tempDir('lbd-harness-');
    const profileDir = join(root, 'profile');
    const exportsDir = join(profileDir, '..', 'exports');
    const { api } = await makeUnlockedBackend({ dataDir: join(profileDir, 'vault'), saveTarget: folderSaveTarget(exportsDir) });
    const student = await api.students.create({ displayName: 'Noor', schoolType: 'havo' });
    const intake = (await api.templates.list()).find((template) => template.builtinKey === 'intake')!;
    const dialogue = await newDialogue(api, student.id, intake, '2025-09-01');
    const result = await api.export.dialogue({ dialogueId: dialogue.id });
    expect(result).toEqual({ saved: true, fileName: 'Noor-2025-09-01-gesprek.docx', location: join(root, 'exports') });
    expect(readFileSync(join(root, 'exports', result.fileName)).subarray(0, 4)).toEqual(ZIP_MAGIC);
    expect(readdirSync(profileDir)).toEqual(['vault']);
  });
});
