import { describe, expect, it } from 'vitest';
import {
  classifyQuestion, conversationMirror, isQuestion, questionsIn, speakingShares, stepCoverage, turnDurations, turnsOfDoc, type MirrorTurn,
} from '../../../shared/conversationMirror';
import type { DialogueDoc } from '../../../shared/editorDoc';

describe('classifyQuestion: Dutch open and closed questions', () => {
  const table: [string, 'open' | 'closed' | 'unclear', string | null][] = [
    ['Wat heb je meegemaakt op je stage?', 'open', 'wat'],
    ['Hoe voelde dat?', 'open', 'hoe'],
    ['Waarom koos je voor de zorg?', 'open', 'waarom'],
    ['Waardoor kwam dat, denk je?', 'open', 'waardoor'],
    ['Waarover wil je het vandaag hebben?', 'open', 'waarover'],
    ['Welke opleiding past bij jou?', 'open', 'welke'],
    ['Wie kan je daarbij helpen?', 'open', 'wie'],
    ['Wanneer merkte je dat?', 'open', 'wanneer'],
    ['Waar ben je trots op?', 'open', 'waar'],
    ['Wat voor werk zie je jezelf doen?', 'open', 'wat voor'],
    ['Met wie wil je hierover praten?', 'open', 'met wie'],
    ['Op welke manier hielp je begeleider?', 'open', 'op welke'],
    ['En, wat vond je daarvan?', 'open', 'wat'],
    ['Oké. En hoe ging het verder?', 'open', 'hoe'],
    ['Sanne, wat deed dat met je?', 'open', 'wat'],
    ['Als je terugkijkt, wat ging er goed?', 'open', 'wat'],
    ['Vertel eens wat er gebeurde.', 'open', 'vertel'],
    ['Beschrijf eens een dag op je stage.', 'open', 'beschrijf'],
    ['Ben je tevreden over je stage?', 'closed', 'ben je'],
    ['Heb je dat met je begeleider besproken?', 'closed', 'heb je'],
    ['Wil je daar nog iets over zeggen?', 'closed', 'wil je'],
    ['Kun je daar een voorbeeld van geven?', 'closed', 'kun je'],
    ['Is het een beetje gelukt?', 'closed', 'is het'],
    ['Vind je dat zelf ook?', 'closed', 'vind je'],
    ['Ga je volgende week weer?', 'closed', 'ga je'],
    ['Zou je dat nog eens doen?', 'closed', 'zou je'],
    ['Dus je gaat het rooster navragen?', 'closed', 'je gaat …?'],
    ['Dat was best spannend, toch?', 'closed', 'toch?'],
    ['Je wilt de zorg in, of niet?', 'closed', 'of niet?'],
    ['Praat je daar thuis weleens over?', 'closed', 'praat je'],
    ['Je vond het leuk?', 'closed', 'je vond …?'],
    ['Als je terugkijkt, ging het goed?', 'closed', 'ging het'],
    ['Écht?', 'unclear', null],
    ['En verder?', 'unclear', null],
  ];
  it.each(table)('%s → %s', (sentence, kind, cue) => {
    const result = classifyQuestion(sentence);
    expect(result.kind).toBe(kind);
    expect(result.cue).toBe(cue);
  });
});

describe('isQuestion: what counts as a question', () => {
  it.each([
    ['Wat vond je ervan?', true],
    ['Vertel eens over je stage.', true],
    ['Geef eens een voorbeeld.', true],
    ['Leg eens uit hoe dat werkt.', true],
    ['Wat leuk dat je er bent.', false],
    ['Ik vond het een goede stage.', false],
    ['Geef mij die pen maar.', false],
    ['Vertel.', false],
    ['Wil je dat ik het rooster stuur? ', true],
    ['Heb je dat gedaan?"', true],
  ])('%s → %s', (sentence, expected) => {
    expect(isQuestion(sentence)).toBe(expected);
  });

  it('splits a turn into sentences and keeps only the questions', () => {
    const found = questionsIn('Fijn dat je er bent. Hoe ging je stage? Ik hoorde dat het druk was. Ben je moe?');
    expect(found.map((question) => [question.text, question.kind])).toEqual([['Hoe ging je stage?', 'open'], ['Ben je moe?', 'closed']]);
  });
});

const turns: MirrorTurn[] = [
  { speaker: 'Mentor', role: 'mentor', text: 'Hoe ging je stage vorige week?', startMs: 0 },
  { speaker: 'Sanne', role: 'student', text: 'Goed, ik heb veel geleerd over de zorg en de bewoners daar.', startMs: 4_000 },
  { speaker: 'Mentor', role: 'mentor', text: 'Ben je trots op jezelf? Wat wil je later doen?', startMs: 10_000 },
  { speaker: 'Sanne', role: 'student', text: 'Ja. Later wil ik verpleegkundige worden.', startMs: 16_000 },
];

describe('speaking share', () => {
  it('counts words and, with start times, time per speaker', () => {
    const shares = speakingShares(turns, 20_000);
    const mentor = shares.find((share) => share.speaker === 'Mentor')!;
    const sanne = shares.find((share) => share.speaker === 'Sanne')!;
    expect(mentor).toMatchObject({ role: 'mentor', turns: 2, words: 16, ms: 4_000 + 6_000 });
    expect(sanne).toMatchObject({ role: 'student', turns: 2, words: 18, ms: 6_000 + 4_000 });
    expect(mentor.wordShare + sanne.wordShare).toBeCloseTo(1);
    expect(mentor.timeShare).toBeCloseTo(0.5);
  });

  it('without start times there is no time share', () => {
    const shares = speakingShares(turns.map(({ startMs: _startMs, ...turn }) => turn));
    expect(shares.every((share) => share.ms === null && share.timeShare === null)).toBe(true);
    expect(shares[0]!.wordShare).toBeCloseTo(16 / 34);
  });

  it('estimates the last turn from the dialogue’s pace when the end is unknown', () => {
    // 10 words in the first 10 s: 1 s a word; the last turn has 5 words.
    const durations = turnDurations([
      { speaker: 'A', text: 'een twee drie vier vijf', startMs: 0 },
      { speaker: 'B', text: 'een twee drie vier vijf', startMs: 5_000 },
      { speaker: 'A', text: 'een twee drie vier vijf', startMs: 10_000 },
    ]);
    expect(durations).toEqual([5_000, 5_000, 5_000]);
  });

  it('times that go backwards give no time share', () => {
    expect(turnDurations([{ speaker: 'A', text: 'x', startMs: 5_000 }, { speaker: 'B', text: 'y', startMs: 1_000 }])).toBeNull();
  });
});

describe('the four steps of a LOB-gesprek', () => {
  it('finds the cues per step and says which', () => {
    const steps = stepCoverage(turns);
    expect(steps.map((step) => [step.step, step.covered])).toEqual([['lookBack', true], ['reflect', true], ['lookAhead', true], ['nextStep', false]]);
    expect(steps[0]!.found).toContain('hoe ging');
    expect(steps[1]!.found).toEqual(expect.arrayContaining(['trots', 'geleerd']));
    expect(steps[2]!.found).toEqual(expect.arrayContaining(['later', 'wat wil je']));
  });

  it('matches stems and whole words, without accents, across line breaks', () => {
    const [lookBack, , lookAhead, nextStep] = stepCoverage([
      { speaker: 'M', text: 'Als je TERUGKIJKT op de stage...' },
      { speaker: 'S', text: 'Mijn doelen zijn duidelijk. Wat ga je\ndoen? Laterale beweging.' },
    ]);
    expect(lookBack!.found).toEqual(['terugkijk…']);
    expect(lookAhead!.found).toEqual(['doel…']); // not "later" inside "laterale"
    expect(nextStep!.found).toEqual(expect.arrayContaining(['ga je doen', 'wat ga je']));
  });
});

describe('conversationMirror', () => {
  it('counts only the mentor’s questions and warns without an agreement', () => {
    const mirror = conversationMirror({ turns, agreements: 0 });
    expect(mirror).toMatchObject({ hasSpeakers: true, hasMentor: true, open: 2, closed: 1, unclear: 0, noAgreement: true });
    expect(mirror.questions.map((question) => question.text)).toEqual(['Hoe ging je stage vorige week?', 'Ben je trots op jezelf?', 'Wat wil je later doen?']);
  });

  it('with an agreement there is no warning; without a mentor no questions are counted', () => {
    const mirror = conversationMirror({ turns: turns.map((turn) => ({ ...turn, role: 'other' as const })), agreements: 1 });
    expect(mirror).toMatchObject({ hasMentor: false, open: 0, closed: 0, noAgreement: false });
  });

  it('a document without speaker turns has nothing to mirror', () => {
    const doc: DialogueDoc = [{ type: 'section', sectionKey: 'a', children: [{ type: 'paragraph', children: [{ text: 'Notities van de mentor. Hoe ging het?' }] }] }];
    expect(turnsOfDoc(doc)).toEqual([]);
    expect(conversationMirror({ turns: turnsOfDoc(doc), agreements: 0 }).hasSpeakers).toBe(false);
  });

  it('reads turns from the document with role and start time', () => {
    const doc: DialogueDoc = [{ type: 'section', sectionKey: 'a', children: [
      { type: 'paragraph', speaker: 'Mentor', role: 'mentor', startMs: 1_500, children: [{ text: 'Hoe ' }, { text: 'ging het?', bold: true }] },
      { type: 'bulleted-list', children: [{ type: 'list-item', children: [{ text: 'punt' }] }] },
    ] }];
    expect(turnsOfDoc(doc)).toEqual([{ speaker: 'Mentor', role: 'mentor', text: 'Hoe ging het?', startMs: 1_500 }]);
  });
});
