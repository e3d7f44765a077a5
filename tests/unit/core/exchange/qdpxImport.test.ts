import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFI_LIMITS } from '../../../../electron/core/exchange/refiLimits';
import { pendingImports } from '../../../../electron/core/exchange/refiImport';
import type { ErrorCode } from '../../../../shared/errors';
import { PASSPHRASE } from '../../helpers/core';
import { tempDir } from '../../helpers/tempDir';
import { foreignQdpx } from '../../../fixtures/refi-qda/foreignQdpx';
import { buildZip, deflatedRepeat } from '../import/zipBuilder';
import { fileWith, makeImportWorld, tableCounts, tagsOf, zipOf } from './importWorld';

type World = Awaited<ReturnType<typeof makeImportWorld>>;

/** Picks `bytes` as the file; the pick must be refused with `code` and leave the vault as it was. */
async function expectRefused(world: World, bytes: Buffer, code: ErrorCode, name = 'project.qdpx') {
  const db = world.backend.vault.database();
  const before = tableCounts(db);
  world.picker.select(fileWith(bytes, name));
  const started = performance.now();
  await expect(world.api.exchange.pickQdpx()).rejects.toMatchObject({ code });
  const ms = performance.now() - started;
  expect(tableCounts(db)).toEqual(before);
  return ms;
}

/** A project whose one text source is `entries`' `sources/s.txt`, with one coded selection 0–3. */
function projectXml(extra = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="x" origin="y">
  <CodeBook><Codes><Code guid="c0000000-0000-4000-8000-000000000001" name="Thema" isCodable="true"/></Codes></CodeBook>
  <Sources><TextSource guid="50000000-0000-4000-8000-000000000001" name="s" plainTextPath="internal://s.txt">
    <PlainTextSelection guid="60000000-0000-4000-8000-000000000001" startPosition="0" endPosition="3">
      <Coding guid="70000000-0000-4000-8000-000000000001"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000001"/></Coding>
    </PlainTextSelection>
  </TextSource>${extra}</Sources>
</Project>`;
}

describe('REFI-QDA import of a project another QDA tool made', () => {
  it('puts every coding on the right words, merges codes by name and reports what it left out', async () => {
    const world = await makeImportWorld();
    world.picker.select(fileWith(await foreignQdpx(), 'Onderzoek.qdpx'));
    const picked = await world.api.exchange.pickQdpx();
    expect(world.picker.asked).toEqual(['qdpx']);
    const preview = picked.preview!;
    expect(preview).toMatchObject({
      kind: 'project', name: 'Onderzoek loopbaan', origin: 'QualCoder 3.5', sources: 3,
      cases: [{ name: 'Respondent 1', sources: 2 }], sourcesWithoutCase: 1,
      codesNew: 2, codesMerged: 2, passages: 8, memos: 3,
    });
    expect(Object.fromEntries(preview.skipped.map((entry) => [entry.reason, entry.count]))).toEqual({
      unsupportedSource: 1, selectionOnSkippedSource: 1, offsetsBeyondText: 1, unknownCodeRef: 1, uncodedSelection: 1, unattachedNote: 1,
      // The memo on the code Zorgberoep: codes here have no memo.
      descriptionNotKept: 1,
    });

    const result = await world.api.exchange.importQdpx({ token: picked.token!, target: { kind: 'cases', schoolType: 'vmbo-k' } });
    expect(result).toMatchObject({ studentsCreated: 2, dialogues: 3, codesNew: 2, codesMerged: 2, passages: 8, memos: 3 });

    const tags = (await tagsOf(world.api)).map((tag) => `${tag.student} | ${tag.code} | ${tag.quote} | ${tag.memo}`).sort();
    expect(tags).toEqual([
      'Geïmporteerd (zonder casus) | Netwerken | een bijbaan | ',
      'Respondent 1 | Motivatie | ik leerde veel over zorg | ',
      // After an emoji of four code points: offsets count code points, not UTF-16 units.
      'Respondent 1 | Motivatie | worden, denk ik | ',
      // Over a CRLF line end: one passage in two paragraphs.
      'Respondent 1 | Motivatie | zorg. … Respondent: Ik wil | ',
      'Respondent 1 | Werkexploratie | de kapsalon | Memo in Description',
      'Respondent 1 | Werkexploratie | ik leerde veel over zorg | ',
      'Respondent 1 | Zorgberoep | Het was zwaar | Eerste indruk: zwaar.',
      'Respondent 1 | Zorgberoep | verpleegkundige | Beroepswens',
    ].sort());

    // New codes keep the file's colour and nesting; merged built-ins keep theirs.
    const codes = await world.api.codes.list();
    const motivatie = codes.find((code) => code.name === 'Motivatie')!;
    expect(motivatie).toMatchObject({ color: '#FF0000', parentId: null, builtinKey: null });
    expect(codes.find((code) => code.name === 'Zorgberoep')).toMatchObject({ parentId: motivatie.id });
    expect(codes.filter((code) => code.name.toLowerCase() === 'werkexploratie')).toHaveLength(1);

    // The text as paragraphs (line ends are paragraph ends), the date from the source.
    const respondent = (await world.api.students.list({})).find((student) => student.displayName === 'Respondent 1')!;
    expect(respondent.schoolType).toBe('vmbo-k');
    const summaries = await world.api.dialogues.list({ studentId: respondent.id });
    const interview = summaries.find((summary) => summary.title === 'Interview 1')!;
    expect(interview.heldOn).toBe('2025-09-12');
    const dialogue = await world.api.dialogues.get({ id: interview.id });
    const first = dialogue.content[0]!;
    expect(first.children.map((block) => (block.type === 'paragraph' ? block.children.map((leaf) => leaf.text).join('') : ''))).toEqual([
      'Interviewer: Hoe ging je stage?',
      'Respondent: Het was zwaar, maar ik leerde veel over zorg.',
      'Respondent: Ik wil later verpleegkundige 👩‍⚕️ worden, denk ik.',
    ]);
    // Found by search, like any dialogue.
    const hits = await world.api.search.query({ query: 'kapsalon' });
    expect(JSON.stringify(hits)).toContain('kapsalon');
  });

  it('imports a .qdc codebook: codes only, merged by name', async () => {
    const world = await makeImportWorld();
    const qdc = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA 24">
  <Codes>
    <Code guid="c0000000-0000-4000-8000-000000000001" name="Leervraag" isCodable="true" color="#123456"/>
    <Code guid="c0000000-0000-4000-8000-000000000002" name="Toekomst" isCodable="true" color="#654321">
      <Code guid="c0000000-0000-4000-8000-000000000003" name="Vervolgopleiding" isCodable="true"/>
    </Code>
  </Codes>
</CodeBook>`;
    world.picker.select(fileWith(qdc, 'codes.qdc'));
    const picked = await world.api.exchange.pickQdpx();
    expect(picked.preview).toMatchObject({ kind: 'codebook', origin: 'MAXQDA 24', sources: 0, codesNew: 2, codesMerged: 1 });
    const result = await world.api.exchange.importQdpx({ token: picked.token!, target: { kind: 'cases', schoolType: 'havo' } });
    expect(result).toMatchObject({ studentsCreated: 0, dialogues: 0, codesNew: 2, codesMerged: 1 });
    const codes = await world.api.codes.list();
    const toekomst = codes.find((code) => code.name === 'Toekomst')!;
    expect(codes.find((code) => code.name === 'Vervolgopleiding')!.parentId).toBe(toekomst.id);
    // The built-in keeps its own colour.
    expect(codes.find((code) => code.builtinKey === 'learningQuestion')!.color).not.toBe('#123456');
    expect(await world.api.students.list({})).toEqual([]);
  });
});

describe('REFI-QDA import refuses bad files with a named error and changes nothing', () => {
  it('not a zip, a damaged zip, a zip without a .qde, XML that is not a project', async () => {
    const world = await makeImportWorld();
    await expectRefused(world, Buffer.from('Dit is gewoon tekst.'), 'REFI_NOT_A_PROJECT');
    await expectRefused(world, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), 'REFI_NOT_A_PROJECT');
    await expectRefused(world, await zipOf({ 'sources/a.txt': 'tekst', 'readme.md': 'x' }), 'REFI_NO_PROJECT_FILE');
    await expectRefused(world, await zipOf({ 'project.qde': '<html><body>geen project</body></html>' }), 'REFI_XML_INVALID');
    await expectRefused(world, await zipOf({ 'project.qde': '<Project xmlns="urn:QDA-XML:project:1.0"><Sources>' }), 'REFI_XML_INVALID');
  });

  it('a DOCTYPE (billion laughs) is refused before any entity is expanded', async () => {
    const world = await makeImportWorld();
    const lol = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`)].join('\n');
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE Project [\n${lol}\n]>\n<Project xmlns="urn:QDA-XML:project:1.0" name="&lol9;"/>`;
    const ms = await expectRefused(world, await zipOf({ 'project.qde': xml }), 'REFI_DTD');
    expect(ms).toBeLessThan(5_000);
    // Also as a bare .qde and as a .qdc.
    await expectRefused(world, Buffer.from(xml), 'REFI_DTD', 'project.qde');
  });

  it('a source that inflates to 1 GB (honest or lying about its size) is refused within 2 s (beyond a worker start) and 200 MB', async () => {
    const world = await makeImportWorld();
    const chunk = 'ja '.repeat(349_525); // ~1 MiB
    const { data, size } = deflatedRepeat('', chunk, 1024, '');
    const qde = Buffer.from(projectXml());
    // What any pick costs here (a fresh worker compiling its entry from sources, on a shared
    // machine): the bomb may take that plus 2 s, not more.
    world.picker.select(fileWith(await zipOf({ 'project.qde': projectXml(), 'Sources/s.txt': 'Wat een dag.' })));
    const started = performance.now();
    await world.api.exchange.pickQdpx();
    const baseline = performance.now() - started;
    for (const lie of [false, true]) {
      const bytes = buildZip([
        { name: 'project.qde', data: qde, method: 0, uncompressedSize: qde.length },
        { name: 'Sources/s.txt', data, method: 8, uncompressedSize: size, ...(lie ? { declaredSize: 3 } : {}) },
      ]);
      expect(bytes.length).toBeLessThan(8 * 2 ** 20);
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
      const ms = await expectRefused(world, bytes, 'REFI_UNPACKED_TOO_LARGE');
      clearInterval(sampler);
      expect(ms).toBeLessThan(baseline + 2_000);
      expect((peak - before) / 2 ** 20).toBeLessThan(200);
    }
  });

  it('many entries each under the cap are refused once together they pass the total', async () => {
    const world = await makeImportWorld();
    const chunk = 'nee '.repeat(262_144); // 1 MiB
    const perEntry = Math.floor(REFI_LIMITS.maxEntryBytes / 2 ** 20) - 1;
    const { data, size } = deflatedRepeat('', chunk, perEntry, '');
    const count = Math.ceil(REFI_LIMITS.maxTotalBytes / size) + 1;
    const sources = Array.from({ length: count }, (_, i) => `<TextSource guid="50000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}" name="s${i}" plainTextPath="internal://s${i}.txt"/>`).join('');
    const qde = Buffer.from(projectXml(sources));
    const bytes = buildZip([
      { name: 'project.qde', data: qde, method: 0, uncompressedSize: qde.length },
      ...Array.from({ length: count }, (_, i) => ({ name: `Sources/s${i}.txt`, data, method: 8 as const, uncompressedSize: size })),
    ]);
    await expectRefused(world, bytes, 'REFI_UNPACKED_TOO_LARGE');
  });

  it('a file larger than the bound is refused by its size, unread', async () => {
    const world = await makeImportWorld();
    const path = join(tempDir('lbd-refi-big-'), 'groot.qdpx');
    writeFileSync(path, Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    truncateSync(path, REFI_LIMITS.maxFileBytes + 1); // sparse: no disk used
    const before = tableCounts(world.backend.vault.database());
    world.picker.select(path);
    await expect(world.api.exchange.pickQdpx()).rejects.toMatchObject({ code: 'REFI_FILE_TOO_LARGE' });
    expect(tableCounts(world.backend.vault.database())).toEqual(before);
  });

  it('offsets beyond the text and unknown code references are left out and named; the rest imports', async () => {
    const world = await makeImportWorld();
    const extra = `<TextSource guid="50000000-0000-4000-8000-000000000002" name="t"><PlainTextContent>kort</PlainTextContent>
      <PlainTextSelection guid="60000000-0000-4000-8000-000000000002" startPosition="2" endPosition="99">
        <Coding guid="70000000-0000-4000-8000-000000000002"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000001"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="60000000-0000-4000-8000-000000000003" startPosition="-1" endPosition="2">
        <Coding guid="70000000-0000-4000-8000-000000000003"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000001"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="60000000-0000-4000-8000-000000000004" startPosition="0" endPosition="2">
        <Coding guid="70000000-0000-4000-8000-000000000004"><CodeRef targetGUID="c0000000-0000-4000-8000-0000000000ff"/></Coding>
      </PlainTextSelection>
    </TextSource>`;
    world.picker.select(fileWith(await zipOf({ 'project.qde': projectXml(extra), 'Sources/s.txt': 'Wat een dag.' })));
    const picked = await world.api.exchange.pickQdpx();
    expect(Object.fromEntries(picked.preview!.skipped.map((entry) => [entry.reason, entry.count]))).toEqual({ offsetsBeyondText: 2, unknownCodeRef: 1, uncodedSelection: 1 });
    expect(picked.preview!.passages).toBe(1);
    await world.api.exchange.importQdpx({ token: picked.token!, target: { kind: 'cases', schoolType: 'havo' } });
    expect((await tagsOf(world.api)).map((tag) => `${tag.code} | ${tag.quote}`)).toEqual(['Thema | Wat']);
  });

  it('cancelling the open dialog stores nothing; a lock between preview and import expires the preview', async () => {
    const world = await makeImportWorld();
    const db = () => world.backend.vault.database();
    const before = tableCounts(db());
    world.picker.select(null);
    expect(await world.api.exchange.pickQdpx()).toEqual({ token: null, preview: null });
    expect(tableCounts(db())).toEqual(before);

    world.picker.select(fileWith(await zipOf({ 'project.qde': projectXml(), 'Sources/s.txt': 'Wat een dag.' })));
    const picked = await world.api.exchange.pickQdpx();
    expect(pendingImports()).toBeGreaterThan(0);
    await world.api.vault.lock();
    await world.api.vault.unlock({ passphrase: PASSPHRASE });
    const afterUnlock = tableCounts(db());
    await expect(world.api.exchange.importQdpx({ token: picked.token!, target: { kind: 'cases', schoolType: 'havo' } }))
      .rejects.toMatchObject({ code: 'IMPORT_EXPIRED' });
    expect(tableCounts(db())).toEqual(afterUnlock);
  });

  it('an import that fails half-way stores nothing of it', async () => {
    const world = await makeImportWorld();
    world.picker.select(fileWith(await zipOf({ 'project.qde': projectXml(), 'Sources/s.txt': 'Wat een dag.' })));
    const picked = await world.api.exchange.pickQdpx();
    const before = tableCounts(world.backend.vault.database());
    // A student that does not exist: the codes would be made first, then the lookup fails.
    await expect(world.api.exchange.importQdpx({ token: picked.token!, target: { kind: 'student', studentId: '00000000-0000-4000-8000-000000000000' } }))
      .rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(tableCounts(world.backend.vault.database())).toEqual(before);
    expect((await world.api.codes.list()).some((code) => code.name === 'Thema')).toBe(false);
  });
});
