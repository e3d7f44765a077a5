import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPack, parsePack } from '../../../../electron/core/exchange/pack';
import { listAudit } from '../../../../electron/core/repositories/auditRepository';
import type { ErrorCode } from '../../../../shared/errors';
import { MAX_PACK_BYTES, Pack } from '../../../../shared/packSchemas';
import { fileWith, makeImportWorld, tableCounts } from './importWorld';

type World = Awaited<ReturnType<typeof makeImportWorld>>;

/** A vault with two templates of the mentor's own (and one archived), and nested codes of their own. */
async function coordinatorVault() {
  const world = await makeImportWorld();
  const { api } = world;
  const builtins = await api.templates.list({});
  const intake = builtins.find((template) => template.builtinKey === 'intake')!;
  const copy = await api.templates.copy({ templateId: intake.templateId });
  const mine = await api.templates.saveVersion({
    templateId: copy.templateId, name: 'Intake havo 4', kind: 'external',
    sections: [...copy.sections.slice(0, 2), { key: 'profielkeuze', title: 'Profielkeuze', prompt: 'Welk profiel past bij je?', competence: 'steering', private: false }],
  });
  const second = await api.templates.copy({ templateId: intake.templateId });
  const archived = await api.templates.copy({ templateId: intake.templateId });
  await api.templates.setArchived({ templateId: archived.templateId, archived: true });
  const parent = await api.codes.create({ name: 'Profielkeuze', color: '#332288', parentId: null });
  await api.codes.create({ name: 'Natuur & Techniek', color: '#88CCEE', parentId: parent.id });
  return { ...world, mine, second, archived };
}

async function exportedPack(world: World): Promise<{ path: string; pack: Pack }> {
  const result = await world.api.exchange.exportPack();
  expect(result.saved).toBe(true);
  expect(result.fileName).toMatch(/\.lbdpack$/);
  const path = join(result.location!, result.fileName);
  return { path, pack: Pack.parse(JSON.parse(readFileSync(path, 'utf8'))) };
}

async function expectRefused(world: World, bytes: Buffer | string, code: ErrorCode) {
  const before = tableCounts(world.backend.vault.database());
  world.picker.select(fileWith(bytes, 'set.lbdpack'));
  await expect(world.api.exchange.pickPack()).rejects.toMatchObject({ code });
  expect(tableCounts(world.backend.vault.database())).toEqual(before);
}

describe('templates and codebook as one pack file', () => {
  it('goes from a coordinator to a mentor: new templates with new ids, codes merged by name, nothing twice', async () => {
    const source = await coordinatorVault();
    const { path, pack } = await exportedPack(source);
    // The mentor's own current templates only: no built-ins, no archived one.
    expect(pack.templates.map((template) => template.name).sort()).toEqual([source.second.name, 'Intake havo 4'].sort());
    expect(pack.codes.some((code) => code.name === 'Natuur & Techniek')).toBe(true);

    const mentor = await makeImportWorld();
    mentor.picker.select(path);
    const picked = await mentor.api.exchange.pickPack();
    expect(mentor.picker.asked).toEqual(['lbdpack']);
    expect(picked.preview).toMatchObject({ templatesNew: expect.arrayContaining(['Intake havo 4']), templatesSame: 0, codesNew: 2, codesMerged: 8 });
    const result = await mentor.api.exchange.importPack({ token: picked.token! });
    expect(result).toEqual({ templatesAdded: 2, templatesSame: 0, codesNew: 2, codesMerged: 8 });

    const templates = await mentor.api.templates.list({});
    const imported = templates.find((template) => template.name === 'Intake havo 4')!;
    expect(imported.sections).toEqual(source.mine.sections);
    // Never an id from the file.
    const sourceIds = new Set([source.mine.id, source.mine.templateId, source.second.id, source.second.templateId]);
    expect(templates.some((template) => sourceIds.has(template.id) || sourceIds.has(template.templateId))).toBe(false);
    const codes = await mentor.api.codes.list();
    const parent = codes.find((code) => code.name === 'Profielkeuze')!;
    expect(codes.find((code) => code.name === 'Natuur & Techniek')).toMatchObject({ parentId: parent.id, color: '#88CCEE' });
    expect(pack.codes.some((code) => codes.some((mine) => mine.id === code.ref && !mine.builtinKey))).toBe(false);

    // The same pack again adds nothing.
    mentor.picker.select(path);
    const again = await mentor.api.exchange.pickPack();
    expect(again.preview).toMatchObject({ templatesNew: [], templatesSame: 2, codesNew: 0 });
    expect(await mentor.api.exchange.importPack({ token: again.token! })).toEqual({ templatesAdded: 0, templatesSame: 2, codesNew: 0, codesMerged: 10 });
    expect((await mentor.api.templates.list({})).length).toBe(templates.length);
    const audit = listAudit(mentor.backend.vault.database()).filter((event) => event.kind === 'exchange.imported');
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain('Intake havo 4');
  });

  it('importPack(db, pack) for callers outside a handler (the school policy): one transaction, one audit event', async () => {
    const source = await coordinatorVault();
    const { path } = await exportedPack(source);
    const target = await makeImportWorld();
    const db = target.backend.vault.database();
    const pack = parsePack(readFileSync(path));
    expect(importPack(db, pack)).toMatchObject({ templatesAdded: 2, codesNew: 2 });
    expect(importPack(db, pack)).toMatchObject({ templatesAdded: 0, templatesSame: 2, codesNew: 0 });
    expect(listAudit(db).filter((event) => event.kind === 'exchange.imported')).toHaveLength(2);
  });

  it('refuses a bad pack with a named error and changes nothing', async () => {
    const world = await makeImportWorld();
    const valid = { format: 'loopbaandialoog-pack', version: 1, createdAt: '2025-01-01T00:00:00.000Z', origin: 'x', templates: [], codes: [] };
    await expectRefused(world, Buffer.alloc(MAX_PACK_BYTES + 1, 0x20), 'PACK_TOO_LARGE');
    await expectRefused(world, 'geen json {', 'PACK_INVALID');
    await expectRefused(world, JSON.stringify({ ...valid, format: 'iets anders' }), 'PACK_INVALID');
    await expectRefused(world, JSON.stringify({ ...valid, version: 2 }), 'PACK_TOO_NEW');
    await expectRefused(world, JSON.stringify({ ...valid, extra: true }), 'PACK_INVALID');
    await expectRefused(world, JSON.stringify({ ...valid, codes: [{ ref: 'a', name: 'x'.repeat(101), color: '#000000', parentRef: null }] }), 'PACK_INVALID');
    await expectRefused(world, JSON.stringify({ ...valid, codes: Array.from({ length: 5001 }, (_, i) => ({ ref: `r${i}`, name: `c${i}`, color: '#000000', parentRef: null })) }), 'PACK_INVALID');
    await expectRefused(world, JSON.stringify({ ...valid, templates: [{ name: 't', kind: 'external', sections: [] }] }), 'PACK_INVALID');
    // A bad pack named by a policy fails the same way, before anything is written.
    expect(() => parsePack(Buffer.from(JSON.stringify({ ...valid, version: 3 })))).toThrow(expect.objectContaining({ code: 'PACK_TOO_NEW' }));
  });
});
