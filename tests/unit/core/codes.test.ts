import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../electron/core/repositories/auditRepository';
import type { Api } from '../../../shared/api';
import { expectAppError } from '../helpers/core';
import { docFor, leaf, makeDialogueWorld, newDialogue, paragraph } from '../helpers/dialogues';

const color = '#009E73';

/** Tags `marked` passages with each code (plus one orphan per code in `orphans`), in one draft. */
async function tag(api: Api, world: Awaited<ReturnType<typeof makeDialogueWorld>>, marked: string[], orphans: string[] = []) {
  const intake = world.template('intake');
  const dialogue = await newDialogue(api, world.student.id, intake);
  const leaves = [];
  for (const codeId of marked) {
    const annotation = await api.annotations.create({ dialogueId: dialogue.id, codeId });
    leaves.push(leaf(`woord${leaves.length} `, annotation.id));
  }
  for (const codeId of orphans) await api.annotations.create({ dialogueId: dialogue.id, codeId });
  await api.dialogues.save({ id: dialogue.id, revision: 1, content: docFor(intake, { goal: [paragraph(leaf('tekst '), ...leaves)] }) });
  return dialogue;
}

describe('codebook', () => {
  it('gives new codes the next position and line styles in turn; lists built-ins first', async () => {
    const { api } = await makeDialogueWorld();
    const made = [];
    for (const name of ['Twijfel', 'Trots', 'Geld', 'Familie', 'Sport', 'Muziek']) made.push(await api.codes.create({ name, color }));
    expect(made.map((c) => c.cue)).toEqual(['solid', 'dashed', 'dotted', 'double', 'wavy', 'solid']);
    expect(made.map((c) => c.position)).toEqual([8, 9, 10, 11, 12, 13]);
    const child = await api.codes.create({ name: 'Schulden', color: '#0072B2', parentId: made[2]!.id });
    expect(child).toMatchObject({ parentId: made[2]!.id, cue: 'dashed', position: 14, builtinKey: null, usage: 0 });
    const underBuiltin = await api.codes.create({ name: 'Stagedilemma', color, parentId: (await api.codes.list())[0]!.id });

    const list = await api.codes.list();
    expect(list.slice(0, 8).every((c) => c.builtinKey !== null)).toBe(true);
    expect(list.slice(8, 14).map((c) => c.name)).toEqual(['Twijfel', 'Trots', 'Geld', 'Familie', 'Sport', 'Muziek']);
    expect(list.slice(14).map((c) => c.id).sort()).toEqual([child.id, underBuiltin.id].sort());
    await expectAppError(api.codes.create({ name: 'Wees', color, parentId: randomUUID() }), 'NOT_FOUND');
    expect(await api.codes.list()).toHaveLength(16);
  });

  it('lets a built-in code be recoloured, not renamed or moved', async () => {
    const world = await makeDialogueWorld();
    const { api, code } = world;
    const id = code('boundaryExperience');
    expect(await api.codes.update({ id, color: '#CC79A7' })).toMatchObject({ color: '#CC79A7', name: 'Grenservaring' });
    // An edit form that sends the unchanged name (as shown in either language) is fine.
    expect((await api.codes.update({ id, name: 'Grenservaring', parentId: null, color: '#CC79A7' })).name).toBe('Grenservaring');
    await api.settings.setLanguage({ language: 'en' });
    expect((await api.codes.update({ id, name: 'Boundary experience' })).name).toBe('Boundary experience');

    await expectAppError(api.codes.update({ id, name: 'Grens' }), 'READ_ONLY');
    const mine = await api.codes.create({ name: 'Eigen', color });
    await expectAppError(api.codes.update({ id, parentId: mine.id }), 'READ_ONLY');
    expect((await api.codes.list()).find((c) => c.id === id)).toMatchObject({ name: 'Boundary experience', parentId: null, color: '#CC79A7' });
  });

  it('renames and re-parents custom codes, refusing cycles', async () => {
    const { api } = await makeDialogueWorld();
    const top = await api.codes.create({ name: 'Top', color });
    const middle = await api.codes.create({ name: 'Midden', color, parentId: top.id });
    const bottom = await api.codes.create({ name: 'Onder', color, parentId: middle.id });

    expect(await api.codes.update({ id: bottom.id, name: 'Beneden', parentId: top.id })).toMatchObject({ name: 'Beneden', parentId: top.id, color });
    // Itself, a child, and (once nested deeper) a grandchild are all refused as parent.
    for (const parentId of [top.id, middle.id, bottom.id]) {
      expect((await expectAppError(api.codes.update({ id: top.id, parentId }), 'VALIDATION')).params).toEqual({ field: 'parentId' });
    }
    await api.codes.update({ id: bottom.id, parentId: middle.id });
    expect((await expectAppError(api.codes.update({ id: top.id, parentId: bottom.id }), 'VALIDATION')).params).toEqual({ field: 'parentId' });
    expect((await expectAppError(api.codes.update({ id: middle.id, name: 'Nieuw', parentId: bottom.id }), 'VALIDATION')).params).toEqual({ field: 'parentId' });
    expect((await api.codes.list()).find((c) => c.id === middle.id)).toMatchObject({ name: 'Midden', parentId: top.id });
    await expectAppError(api.codes.update({ id: top.id, parentId: randomUUID() }), 'NOT_FOUND');
    // Back to the top level.
    expect((await api.codes.update({ id: middle.id, parentId: null })).parentId).toBeNull();
    expect((await api.codes.list()).find((c) => c.id === top.id)!.parentId).toBeNull();
  });

  it('merges: passages and child codes move to the target, the source goes', async () => {
    const world = await makeDialogueWorld();
    const { api, code, backend } = world;
    const source = await api.codes.create({ name: 'Twijfel', color });
    const target = await api.codes.create({ name: 'Onzekerheid', color });
    const child = await api.codes.create({ name: 'Twijfel over opleiding', color, parentId: source.id });
    const dialogue = await tag(api, world, [source.id, source.id, target.id, child.id], [source.id]);

    expect(await api.codes.merge({ sourceId: source.id, targetId: target.id })).toEqual({ moved: 2 });
    const codes = await api.codes.list();
    expect(codes.find((c) => c.id === source.id)).toBeUndefined();
    expect(codes.find((c) => c.id === target.id)!.usage).toBe(3);
    expect(codes.find((c) => c.id === child.id)).toMatchObject({ parentId: target.id, usage: 1 });
    // The orphan moved along (kept for an undo), but was not counted as a passage.
    const annotations = (await api.dialogues.get({ id: dialogue.id })).annotations;
    expect(annotations.filter((a) => a.codeId === target.id)).toHaveLength(4);
    expect(listAudit(backend.vault.database()).find((e) => e.kind === 'code.merged')!.detail).toEqual({ moved: 2 });

    expect((await expectAppError(api.codes.merge({ sourceId: target.id, targetId: target.id }), 'VALIDATION')).params).toEqual({ field: 'targetId' });
    await expectAppError(api.codes.merge({ sourceId: code('learningQuestion'), targetId: target.id }), 'READ_ONLY');
    await expectAppError(api.codes.merge({ sourceId: target.id, targetId: randomUUID() }), 'NOT_FOUND');
    expect((await api.codes.list()).find((c) => c.id === target.id)!.usage).toBe(3);
  });

  it('merges into a code nested under the source without making a cycle', async () => {
    const world = await makeDialogueWorld();
    const { api } = world;
    const root = await api.codes.create({ name: 'Wortel', color });
    const source = await api.codes.create({ name: 'Bron', color, parentId: root.id });
    const middle = await api.codes.create({ name: 'Midden', color, parentId: source.id });
    const target = await api.codes.create({ name: 'Doel', color, parentId: middle.id });
    const sibling = await api.codes.create({ name: 'Zus', color, parentId: source.id });
    await tag(api, world, [source.id, target.id]);

    expect(await api.codes.merge({ sourceId: source.id, targetId: target.id })).toEqual({ moved: 1 });
    const parents = Object.fromEntries((await api.codes.list()).filter((c) => !c.builtinKey).map((c) => [c.name, c.parentId]));
    expect(parents).toEqual({ Wortel: null, Doel: root.id, Midden: target.id, Zus: target.id });
    expect(sibling.parentId).toBe(source.id);
  });

  it('deletes a custom code with its passages; its children move up to its parent', async () => {
    const world = await makeDialogueWorld();
    const { api, code, backend } = world;
    const parent = await api.codes.create({ name: 'Thuis', color });
    const doomed = await api.codes.create({ name: 'Ruzie', color, parentId: parent.id });
    const child = await api.codes.create({ name: 'Ruzie over stage', color, parentId: doomed.id });
    const topLevel = await api.codes.create({ name: 'Los', color });
    const loose = await api.codes.create({ name: 'Los kind', color, parentId: topLevel.id });
    const dialogue = await tag(api, world, [doomed.id, doomed.id, child.id, code('learningQuestion')], [doomed.id]);

    // Counted as codes:list counts usage: passages with words, not the orphan that went with them.
    expect(await api.codes.delete({ id: doomed.id })).toEqual({ removedPassages: 2 });
    const codes = await api.codes.list();
    expect(codes.find((c) => c.id === doomed.id)).toBeUndefined();
    expect(codes.find((c) => c.id === child.id)).toMatchObject({ parentId: parent.id, usage: 1 });
    expect((await api.dialogues.get({ id: dialogue.id })).annotations.map((a) => a.codeId).sort()).toEqual([child.id, code('learningQuestion')].sort());
    expect(listAudit(backend.vault.database()).find((e) => e.kind === 'code.deleted')!.detail).toEqual({ removedPassages: 2 });

    // A top-level code's children become top-level.
    expect(await api.codes.delete({ id: topLevel.id })).toEqual({ removedPassages: 0 });
    expect((await api.codes.list()).find((c) => c.id === loose.id)!.parentId).toBeNull();

    await expectAppError(api.codes.delete({ id: code('agreement') }), 'READ_ONLY');
    await expectAppError(api.codes.delete({ id: randomUUID() }), 'NOT_FOUND');
    expect((await api.codes.list()).filter((c) => c.builtinKey)).toHaveLength(8);
  });

  it('refuses to delete a code used in a final dialogue, and still lets it be merged', async () => {
    const world = await makeDialogueWorld();
    const { api } = world;
    const kept = await api.codes.create({ name: 'Vastgelegd', color });
    const other = await api.codes.create({ name: 'Anders', color });
    const dialogue = await tag(api, world, [kept.id]);
    await api.dialogues.finalise({ id: dialogue.id, revision: 2 });

    await expectAppError(api.codes.delete({ id: kept.id }), 'CODE_IN_FINAL_DIALOGUE');
    expect((await api.dialogues.get({ id: dialogue.id })).annotations.map((a) => a.codeId)).toEqual([kept.id]);
    expect(await api.codes.merge({ sourceId: kept.id, targetId: other.id })).toEqual({ moved: 1 });
    expect((await api.dialogues.get({ id: dialogue.id })).annotations.map((a) => a.codeId)).toEqual([other.id]);
  });
});
