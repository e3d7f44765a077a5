import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../../electron/core/repositories/auditRepository';
import { FakeClock } from '../../helpers/core';
import { taggedDialogue } from '../insights/insightWorld';
import { paragraphTexts, part, plainText, unzip } from './docxFixtures';
import { ZIP_MAGIC, makeExportWorld } from './serviceWorld';

const PUBLIC_QUOTE = 'de thuiszorg en dat schuurde';
const PRIVATE_QUOTE = 'geheime twijfel van de mentor';

/** Noor (cohort 2025) with a boundary experience in the record and one inside the private mentor notes; Sem in another cohort. */
async function reportWorld() {
  const clock = new FakeClock(Date.UTC(2025, 10, 15, 12));
  const world = await makeExportWorld({ clock });
  const { api, student, code } = world;
  await api.students.update({ id: student.id, fields: { displayName: student.displayName, schoolType: student.schoolType, mentor: student.mentor, programme: '', cohort: '2025', leavingDate: null } });
  await taggedDialogue(world, student.id, 'intake', '2025-11-01', [
    { codeId: code('boundaryExperience'), attributes: { dilemmaType: 'ethical' }, section: 'background', text: PUBLIC_QUOTE },
    { codeId: code('boundaryExperience'), attributes: { dilemmaType: 'quality' }, section: 'mentor-notes', text: PRIVATE_QUOTE },
    { codeId: code('competence:steering'), section: 'goal', text: 'een baan in de zorg' },
  ]);
  const sem = await api.students.create({ displayName: 'Sem Bakker', schoolType: 'havo', cohort: '2024' });
  await taggedDialogue(world, sem.id, 'intake', '2025-10-01', [{ codeId: code('boundaryExperience'), section: 'background', text: 'Sems eigen grens' }]);
  return { ...world, clock, sem };
}

async function savedText(dir: string, name: string): Promise<{ bytes: Buffer; xml: string }> {
  const bytes = readFileSync(join(dir, name));
  expect(bytes.subarray(0, 4)).toEqual(ZIP_MAGIC);
  return { bytes, xml: part(await unzip(bytes), 'word/document.xml') };
}

describe('export:groupReport', () => {
  it('saves groepsrapport.docx with aggregates only, and records the export by kind', async () => {
    const { api, backend, exportsDir, target } = await reportWorld();
    const result = await api.export.groupReport({ cohort: '2025' });
    expect(target.choose).toHaveBeenCalledExactlyOnceWith('groepsrapport.docx');
    expect(result).toEqual({ saved: true, fileName: 'groepsrapport.docx', location: exportsDir });
    const { xml } = await savedText(exportsDir, 'groepsrapport.docx');
    const text = plainText(xml);
    expect(paragraphTexts(xml)[0]).toBe('Groepsoverzicht');
    expect(text).toContain('Noor el Amrani');
    expect(text).not.toContain('Sem Bakker');
    expect(text).toContain('15 november 2025');
    expect(text).not.toContain(PUBLIC_QUOTE);
    expect(text).not.toContain(PRIVATE_QUOTE);
    expect(text).not.toContain('een baan in de zorg');
    expect(listAudit(backend.vault.database()).filter((e) => e.kind === 'export.made').map((e) => e.detail)).toEqual([{ kind: 'group' }]);
  });

  it('includes boundary quotes when asked, but never those inside a private section', async () => {
    const { api, exportsDir, student } = await reportWorld();
    // The private passage exists and is counted in the app; only its words stay out of the file.
    expect((await api.students.overview({ id: student.id })).boundaryByDilemma.quality).toBe(1);
    await api.export.groupReport({ includeQuotes: true });
    const text = plainText((await savedText(exportsDir, 'groepsrapport.docx')).xml);
    expect(text).toContain('Grenservaringen per leerling');
    expect(text).toContain(PUBLIC_QUOTE);
    expect(text).toContain('Sems eigen grens');
    expect(text).not.toContain(PRIVATE_QUOTE);
    // Only boundary experiences are quoted, not other tags.
    expect(text).not.toContain('een baan in de zorg');
  });

  it('names the file in English and writes English words when the app is in English', async () => {
    const { api, exportsDir, target } = await reportWorld();
    await api.settings.setLanguage({ language: 'en' });
    const result = await api.export.groupReport({});
    expect(target.choose).toHaveBeenCalledExactlyOnceWith('group-report.docx');
    expect(result.fileName).toBe('group-report.docx');
    expect(paragraphTexts((await savedText(exportsDir, 'group-report.docx')).xml)[0]).toBe('Group overview');
  });

  it('writes identical bytes twice for the same data and clock', async () => {
    const { api, exportsDir } = await reportWorld();
    await api.export.groupReport({ includeQuotes: true });
    const first = readFileSync(join(exportsDir, 'groepsrapport.docx'));
    await api.export.groupReport({ includeQuotes: true });
    expect(readFileSync(join(exportsDir, 'groepsrapport.docx')).equals(first)).toBe(true);
  });

  it('writes nothing and records nothing when the save dialog is cancelled', async () => {
    const { api, backend, exportsDir, target } = await reportWorld();
    target.choose.mockResolvedValueOnce(null);
    expect(await api.export.groupReport({})).toEqual({ saved: false, fileName: 'groepsrapport.docx', location: null });
    expect(existsSync(join(exportsDir, 'groepsrapport.docx'))).toBe(false);
    expect(listAudit(backend.vault.database()).filter((e) => e.kind === 'export.made')).toEqual([]);
  });
});
