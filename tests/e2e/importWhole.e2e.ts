import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Dialogue } from '../../shared/dialogueSchemas';
import { DialoguePage } from '../harness/pages/DialoguePage';
import { type App, openUnlockedApp, a11yViolations } from './fixtures';

const EXTERNAL = 'Externe dialoog — loopbaangesprek';

let app: (App & { d: DialoguePage }) | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

// Issue 15: 'Participants "M. Jansen" and "Mentor Jansen" both appear after an import', and the
// Otter footer that ended up in the last turn.
describe('importing a transcript that comes in whole', () => {
  it('offers near-duplicate speakers for merging, lists the tool footer apart, and inserts the merged turns', async () => {
    const opened = await openUnlockedApp();
    await opened.students.add({ displayName: 'Sanne de Vries', schoolType: 'mbo-3' });
    app = { ...opened, d: new DialoguePage(opened.page) };
    await app.d.openStudent('Sanne de Vries');
    await app.d.newDialogue(EXTERNAL, { title: 'Samenvoegen' });

    const file = join(tmpdir(), `${Date.now()}-otter.txt`);
    await writeFile(file, [
      'Mentor Jansen: Hoi Sanne, hoe gaat het op stage?',
      'Sanne: Goed, maar ik heb een vraag.',
      'M. Jansen: Vertel.',
      'sanne: Mag ik een dag meelopen?',
      '',
      'Transcribed by https://otter.ai',
    ].join('\n'));
    await app.d.importTranscript(file);
    const dialog = app.page.getByRole('dialog');
    await dialog.getByText('4 beurten van 4 sprekers gevonden (TXT).').waitFor();
    await dialog.getByText('1 melding van het opnameprogramma weggelaten (regel 6); die is door niemand gezegd.').waitFor();
    expect(await dialog.getByText(/regels? overgeslagen/).count()).toBe(0);

    const jansen = dialog.getByRole('group', { name: '“Mentor Jansen” en “M. Jansen” lijken dezelfde persoon. Samenvoegen?' });
    await jansen.getByRole('button', { name: 'Samenvoegen als “Mentor Jansen”', exact: true }).click();
    await dialog.getByText('4 beurten van 3 sprekers gevonden (TXT).').waitFor();
    expect(await jansen.count()).toBe(0);
    // Focus goes on to what is next to do for that speaker: their role.
    expect(await app.page.evaluate(() => document.activeElement?.id.endsWith('-role-Mentor Jansen'))).toBe(true);
    expect(await dialog.getByLabel('M. Jansen').count()).toBe(0);

    const sanne = dialog.getByRole('group', { name: '“Sanne” en “sanne” lijken dezelfde persoon. Samenvoegen?' });
    await sanne.getByRole('button', { name: 'Samenvoegen als “Sanne”', exact: true }).click();
    await dialog.getByText('4 beurten van 2 sprekers gevonden (TXT).').waitFor();
    expect(await a11yViolations(app.page)).toEqual([]);
    await dialog.getByLabel('Sanne', { exact: true }).selectOption('leerling');
    await app.d.confirmImport();
    await app.d.waitSaved();

    const students = await app.harness.backend.dispatch('students:list', {});
    const studentId = (students as { value: { id: string }[] }).value[0]!.id;
    const list = await app.harness.backend.dispatch('dialogues:list', { studentId });
    const summary = (list as { value: { id: string; title: string }[] }).value.find((item) => item.title === 'Samenvoegen')!;
    const stored = ((await app.harness.backend.dispatch('dialogues:get', { id: summary.id })) as { value: Dialogue }).value;
    const turns = stored.content.flatMap((section) => section.children).flatMap((block) => (block.type === 'paragraph' && block.speaker ? [[block.speaker, block.children.map((leaf) => leaf.text).join('')]] : []));
    expect(turns).toEqual([
      ['Mentor Jansen', 'Hoi Sanne, hoe gaat het op stage?'],
      ['Sanne', 'Goed, maar ik heb een vraag.'],
      ['Mentor Jansen', 'Vertel.'],
      ['Sanne', 'Mag ik een dag meelopen?'],
    ]);
    expect(JSON.stringify(stored.content)).not.toContain('otter.ai');
  });
});
