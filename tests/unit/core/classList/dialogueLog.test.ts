import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { csvCell, dialogueLogCsv, dialogueLogXlsx, type DialogueLogRow, guardFormula } from '../../../../electron/core/export/dialogueLog';
import { folderSaveTarget } from '../../../harness/folderSaveTarget';
import { makeUnlockedBackend } from '../../helpers/core';
import { docFor, leaf, newDialogue, paragraph } from '../../helpers/dialogues';
import { tempDir } from '../../helpers/tempDir';

const row = (overrides: Partial<DialogueLogRow> = {}): DialogueLogRow => ({
  heldOn: '2026-11-05', studentNumber: '104233', name: 'Emre Çelik', cohort: '4H2', mentor: 'Mevr. de Groot', kind: 'external',
  title: 'Stage; eerste week', status: 'final', agreements: 2, agreementTexts: ['Stageverslag "af"', 'Gesprek met praktijkbegeleider'],
  boundaryExperiences: 1, competences: 3, text: null, ...overrides,
});

describe('dialogue log', () => {
  it('writes CSV that Dutch Excel opens as it is: BOM, semicolons, CRLF, quotes doubled, dd-mm-jjjj', () => {
    const bytes = dialogueLogCsv([row(), row({ heldOn: '2026-11-12', name: 'Sanne van der Berg', studentNumber: '', kind: 'internal', status: 'draft', agreements: 0, agreementTexts: [], title: 'Reflectie' })], 'nl', false);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(lines[0]).toBe('Datum;Leerlingnummer;Naam;Klas;Mentor;Soort;Titel;Status;Afspraken (aantal);Afspraken;Grenservaringen;Loopbaancompetenties');
    expect(lines[1]).toBe('05-11-2026;104233;Emre Çelik;4H2;Mevr. de Groot;Externe dialoog;"Stage; eerste week";Definitief;2;"Stageverslag ""af"" | Gesprek met praktijkbegeleider";1;3');
    expect(lines[2]).toBe('12-11-2026;;Sanne van der Berg;4H2;Mevr. de Groot;Interne dialoog;Reflectie;Concept;0;;1;3');
    // English headers and words in an English app.
    expect(dialogueLogCsv([row()], 'en', true).toString('utf8')).toContain('Date;Student number;Name;Class;Mentor;Kind;Title;Status;Agreements (count);Agreements;Boundary experiences;Career competences;Text');
  });

  it('keeps cells that Excel would run as formulas as text', () => {
    expect(['=HYPERLINK("http://x")', '+31 6', '-1', '@SUM(A1)', '\t=1', 'gewoon'].map(guardFormula))
      .toEqual(['\'=HYPERLINK("http://x")', '\'+31 6', '\'-1', '\'@SUM(A1)', '\'\t=1', 'gewoon']);
    expect(csvCell('=1;2')).toBe('"\'=1;2"');
    const text = dialogueLogCsv([row({ name: '=cmd|\' /C calc\'!A0', title: '@evil', mentor: '+x' })], 'nl', false).toString('utf8');
    expect(text).toContain(';\'=cmd|\' /C calc\'!A0;');
    expect(text).toContain(';\'@evil;');
    expect(text).toContain(';\'+x;');
  });

  it('writes .xlsx with a header row, real dates and numbers, read back cell by cell', async () => {
    const bytes = await dialogueLogXlsx([row(), row({ name: '=1+1', text: 'Mentor: Hoe ging het?' })], 'nl', true);
    const sheet = await readSheet(bytes);
    expect(sheet[0]).toEqual(['Datum', 'Leerlingnummer', 'Naam', 'Klas', 'Mentor', 'Soort', 'Titel', 'Status', 'Afspraken (aantal)', 'Afspraken', 'Grenservaringen', 'Loopbaancompetenties', 'Tekst']);
    const first = sheet[1]!;
    expect(first[0]).toBeInstanceOf(Date);
    expect((first[0] as unknown as Date).toISOString().slice(0, 10)).toBe('2026-11-05');
    expect(first.slice(1, 9)).toEqual(['104233', 'Emre Çelik', '4H2', 'Mevr. de Groot', 'Externe dialoog', 'Stage; eerste week', 'Definitief', 2]);
    expect(first[10]).toBe(1);
    expect(first[11]).toBe(3);
    // A name that looks like a formula is a string cell, not a formula.
    expect(sheet[2]![2]).toBe('=1+1');
    expect(sheet[2]![12]).toBe('Mentor: Hoe ging het?');
  });

  it('exports the log of a group and period from the vault: counts, agreements, no text unless chosen, never private text', async () => {
    const exportsDir = tempDir();
    const made = await makeUnlockedBackend({ saveTarget: folderSaveTarget(exportsDir) });
    const a = await made.api.students.create({ displayName: 'Emre Çelik', schoolType: 'havo', cohort: '4H2', mentor: 'Mevr. de Groot', studentNumber: '104233' });
    const b = await made.api.students.create({ displayName: 'Ander Klas', schoolType: 'havo', cohort: '5H1' });
    const templates = new Map((await made.api.templates.list()).map((t) => [t.builtinKey!, t]));
    const codes = new Map((await made.api.codes.list()).map((c) => [c.builtinKey!, c.id]));
    const intake = templates.get('intake')!;
    const dialogue = await newDialogue(made.api, a.id, intake, '2026-10-01');
    const boundary = await made.api.annotations.create({ dialogueId: dialogue.id, codeId: codes.get('boundaryExperience')! });
    const steering = await made.api.annotations.create({ dialogueId: dialogue.id, codeId: codes.get('competence:steering')! });
    const secret = await made.api.annotations.create({ dialogueId: dialogue.id, codeId: codes.get('competence:motives')! });
    await made.api.dialogues.save({
      id: dialogue.id, revision: 1, content: docFor(intake, {
        goal: [paragraph(leaf('Ik wil '), leaf('kok worden', steering.id))],
        background: [paragraph(leaf('Op stage '), leaf('moest ik liegen tegen een klant', boundary.id))],
        'mentor-notes': [paragraph(leaf('Zorgen om thuis', secret.id))],
      }),
    });
    await made.api.actions.create({ studentId: a.id, dialogueId: dialogue.id, text: 'Open dag bezoeken', owner: 'student', dueDate: null });
    await newDialogue(made.api, a.id, intake, '2025-01-01');
    await newDialogue(made.api, b.id, intake, '2026-10-02');

    const result = await made.api.export.dialogueLog({ cohort: '4H2', from: '2026-09-01', to: '2026-12-31', format: 'csv' });
    expect(result.saved).toBe(true);
    expect(result.fileName).toMatch(/^gesprekkenlog-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync(join(exportsDir, result.fileName), 'utf8');
    const lines = text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('01-10-2026;104233;Emre Çelik;4H2;Mevr. de Groot;Externe dialoog;Gesprek;Concept;1;Open dag bezoeken;1;1');
    expect(text).not.toContain('kok worden');
    expect(text).not.toContain('Zorgen om thuis');

    const withText = await made.api.export.dialogueLog({ cohort: '4H2', from: '2026-09-01', format: 'xlsx', includeText: true });
    const sheet = await readSheet(readFileSync(join(exportsDir, withText.fileName)));
    expect(sheet).toHaveLength(2);
    const cell = String(sheet[1]![12]);
    expect(cell).toContain('kok worden');
    expect(cell).not.toContain('Zorgen om thuis');
    // No student name in a file name the app chose.
    expect(readdirSync(exportsDir).some((name) => /Emre|Çelik/.test(name))).toBe(false);
  });
});
