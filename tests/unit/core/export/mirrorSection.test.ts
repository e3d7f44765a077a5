import { describe, expect, it } from 'vitest';
import { buildDialogueSummary } from '../../../../electron/core/export/dialogueSummaryDocx';
import { buildGroupReport } from '../../../../electron/core/export/groupReportDocx';
import { buildPortfolio } from '../../../../electron/core/export/portfolioDocx';
import { DialogueExportOptions } from '../../../../shared/exportSchemas';
import type { Dialogue } from '../../../../shared/dialogueSchemas';
import type { BlockNode } from '../../../../shared/editorDoc';
import { action, codes, context, dialogue, docFor, id, leaf, para, part, plainText, student, template, unzip } from './docxFixtures';

const turn = (speaker: string, role: 'mentor' | 'student', text: string, startMs?: number): BlockNode =>
  ({ type: 'paragraph', speaker, role, ...(startMs === undefined ? {} : { startMs }), children: [leaf(text)] });

/** An external dialogue with speaker turns, and a private note with a question in it. */
function withTurns(fields: Partial<Dialogue> = {}): Dialogue {
  const version = template('external-career');
  return dialogue({
    template: version,
    content: docFor(version, {
      share: [
        turn('Mevr. Jansen', 'mentor', 'Hoe ging je stage vorige week? Ben je tevreden?', 0),
        turn('Noor', 'student', 'Goed, ik heb veel geleerd over de zorg.', 5_000),
        turn('Mevr. Jansen', 'mentor', 'Wat wil je later worden?', 11_000),
        turn('Noor', 'student', 'Verpleegkundige, denk ik.', 14_000),
      ],
      'mentor-notes': [turn('Mevr. Jansen', 'mentor', 'Heb je het thuis gezegd? Privé volgende stap afspraak.')],
    }),
    ...fields,
  });
}

async function summaryText(d: Dialogue, options: { includePrivate: boolean; tagsAsComments: boolean; includeMirror?: boolean }): Promise<string> {
  const bytes = await buildDialogueSummary({ student, dialogue: d, codes }, options, context());
  return plainText(part(await unzip(bytes), 'word/document.xml'));
}

describe('the conversation mirror in the Word summary', () => {
  it('is off by default: the export options leave it out unless ticked', async () => {
    expect(DialogueExportOptions.parse({ dialogueId: id(500) }).includeMirror).toBe(false);
    const text = await summaryText(withTurns(), { includePrivate: false, tagsAsComments: false });
    expect(text).not.toContain('Gespreksspiegel');
  });

  it('ticked: speaking share, the mentor’s questions, the steps and the no-agreement warning', async () => {
    const text = await summaryText(withTurns(), { includePrivate: false, tagsAsComments: false, includeMirror: true });
    expect(text).toContain('Gespreksspiegel');
    expect(text).toMatch(/Mevr\. Jansen \(mentor\) \d+% \(\d+\)/);
    expect(text).toMatch(/Noor \(leerling\) \d+% \(\d+\)/);
    // Two open (hoe, wat), one closed (ben je); the private note's question is not counted.
    expect(text).toContain('Vragen van de mentor: 2 open vragen, 1 gesloten vraag en 0 vragen die niet in te delen zijn.');
    expect(text).toContain('Terugkijken ja');
    expect(text).toContain('Een concrete volgende stap niet gevonden');
    expect(text).toContain('Let op: bij dit gesprek is geen afspraak vastgelegd.');
  });

  it('with private sections included, their turns count too; an agreement removes the warning', async () => {
    const text = await summaryText(withTurns({ actions: [action(id(700), 'Rooster navragen', { dialogueId: id(500) })] }),
      { includePrivate: true, tagsAsComments: false, includeMirror: true });
    expect(text).toContain('Vragen van de mentor: 2 open vragen, 2 gesloten vragen en 0 vragen die niet in te delen zijn.');
    expect(text).toContain('Een concrete volgende stap ja');
    expect(text).not.toContain('geen afspraak vastgelegd');
  });

  it('a dialogue without speaker turns gets no mirror section even when ticked', async () => {
    const version = template('external-career');
    const text = await summaryText(dialogue({ template: version, content: docFor(version, { share: [para(leaf('Hoe ging het? Goed.'))] }) }),
      { includePrivate: false, tagsAsComments: false, includeMirror: true });
    expect(text).not.toContain('Gespreksspiegel');
  });

  it('in English too', async () => {
    const bytes = await buildDialogueSummary({ student, dialogue: withTurns(), codes }, { includePrivate: false, tagsAsComments: false, includeMirror: true }, context({ language: 'en' }));
    const text = plainText(part(await unzip(bytes), 'word/document.xml'));
    expect(text).toContain('Conversation mirror');
    expect(text).toContain('The mentor’s questions: 2 open questions, 1 closed question and 0 questions that could not be classified.');
  });
});

describe('never in group reports or portfolios', () => {
  it('the portfolio of a dialogue with speaker turns has no mirror', async () => {
    const bytes = await buildPortfolio({ student, from: '2026-08-01', to: '2026-12-31', dialogues: [withTurns()], codes, actions: [] }, { includePrivate: true }, context());
    const text = plainText(part(await unzip(bytes), 'word/document.xml'));
    expect(text).not.toMatch(/Gespreksspiegel|Spreekaandeel|Vragen van de mentor|Stappen van een LOB-gesprek/);
  });

  it('the group report has no mirror', async () => {
    const bytes = await buildGroupReport({
      filter: { cohort: '2026', mentor: 'Mevr. Jansen', weeksWithoutDialogue: 6 },
      rows: [{
        studentId: student.id, displayName: student.displayName, dialogues: 1, internal: 0, external: 1,
        boundaryByDilemma: { ethical: 0, financial: 0, quality: 0, other: 0, none: 0 },
        passagesByCompetence: { capacities: 0, motives: 0, exploration: 0, steering: 0, networking: 0 },
        overdueActions: 0, lastDialogue: '2026-11-20', quiet: false,
      }],
      quotes: [{ studentId: student.id, displayName: student.displayName, quotes: [{ heldOn: '2026-11-20', quote: 'Hoe ging je stage vorige week?', dilemmaType: 'ethical', context: 'internship' }] }],
    }, context());
    const text = plainText(part(await unzip(bytes), 'word/document.xml'));
    expect(text).not.toMatch(/Gespreksspiegel|Spreekaandeel|Vragen van de mentor|open vragen?, \d+ gesloten/);
  });
});
