import { randomUUID } from 'node:crypto';
import type { AnnotationAttributes, Participant } from '../../../shared/dialogueSchemas';
import { annotationQuotes, countWords, docText, type BlockNode, type DialogueDoc, type TextLeaf } from '../../../shared/editorDoc';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/connection';
import { indexDialogue } from '../search/searchIndex';
import type { Services } from '../services';

/**
 * The optional example student of the first run: one student with two dialogues (an internal
 * reflection on a boundary experience during an internship, and the external career dialogue
 * that follows it up), a few tagged passages and one agreement, so that a new mentor sees what
 * a filled-in file looks like before typing about a real student.
 *
 * The marker is the settings row `firstRun.exampleStudentId` (settings are key → JSON rows,
 * so no migration): the name also says "Voorbeeld", but a mentor may rename a student, so
 * everything that must leave the example out (the start checklist's counts, the group
 * overview and its report, an exchange export of every student) asks for the id. Removing
 * the example is a real erasure (erasure.ts), not an archive flag.
 */
export const EXAMPLE_SETTING = 'firstRun.exampleStudentId';
export const EXAMPLE_NAME = 'Voorbeeld: Lotte Bakker';

/** The example student's id while it exists, else null (a stale marker after a crash counts as none). */
export function exampleStudentId(db: Db): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(EXAMPLE_SETTING) as { value: string } | undefined;
  if (!row) return null;
  let id: unknown;
  try {
    id = JSON.parse(row.value);
  } catch {
    return null;
  }
  if (typeof id !== 'string') return null;
  return db.prepare('SELECT 1 FROM students WHERE id = ?').get(id) === undefined ? null : id;
}

export function clearExampleMarker(db: Db): void {
  db.prepare('DELETE FROM settings WHERE key = ?').run(EXAMPLE_SETTING);
}

type Piece = string | { text: string; tag: string };
interface Passage { key: string; code: string; memo: string; attributes?: AnnotationAttributes }

function paragraph(pieces: Piece[], ids: Map<string, string>, speaker?: { name: string; role: 'student' | 'mentor' }): BlockNode {
  const children: TextLeaf[] = pieces.map((piece) => {
    if (typeof piece === 'string') return { text: piece };
    const leaf: TextLeaf = { text: piece.text };
    leaf[`ann_${ids.get(piece.tag)!}`] = true;
    return leaf;
  });
  return speaker ? { type: 'paragraph', speaker: speaker.name, role: speaker.role, children } : { type: 'paragraph', children };
}

const lotte = { name: 'Lotte', role: 'student' } as const;
const mentor = { name: 'Mentor', role: 'mentor' } as const;

/**
 * The two dialogues, in Dutch (stored data, like every mentor's own text). The blocks are built
 * only once the passages' annotation ids are in `ids`, since each tagged leaf carries its mark.
 */
function dialogues(ids: Map<string, string>) {
  const internal = (): Record<string, BlockNode[]> => ({
    experience: [paragraph([
      'Op mijn stage in het verpleeghuis wilde meneer K. ’s ochtends niet gewassen worden. ',
      { text: 'Mijn werkbegeleider zei dat het toch moest, omdat het in het schema stond en we anders niet rondkwamen met de tijd.', tag: 'boundary' },
    ], ids)],
    impact: [paragraph([
      'Ik voelde me er niet goed bij. ',
      { text: 'Ik vind dat een bewoner zelf mag kiezen, ook als dat meer tijd kost.', tag: 'motives' },
    ], ids)],
    capacities: [paragraph(['Ik heb rustig met meneer K. gepraat en hij wilde later wel. Dat ging goed. Ik durfde het alleen niet tegen mijn werkbegeleider te zeggen.'], ids)],
    values: [paragraph(['Respect voor wat iemand zelf wil. Eerlijk zijn over wat je ziet.'], ids)],
    next: [paragraph([{ text: 'Hoe bespreek ik met mijn werkbegeleider dat ik het anders zou willen doen?', tag: 'question' }], ids)],
    who: [paragraph(['Met mijn mentor, en daarna met mijn praktijkbegeleider.'], ids)],
  });
  const external = (): Record<string, BlockNode[]> => ({
    share: [
      paragraph(['Vertel eens over de situatie met meneer K. die je in je reflectie beschreef.'], ids, mentor),
      paragraph(['Hij wilde niet gewassen worden en het moest toch. Ik vond dat lastig, want ik zag dat hij zich schaamde.'], ids, lotte),
    ],
    meaning: [
      paragraph(['Wat betekent het voor jou dat je dat lastig vond?'], ids, mentor),
      paragraph(['Dat ik het belangrijk vind dat mensen zich gezien voelen. Daarom wil ik de zorg in.'], ids, lotte),
    ],
    feedback: [paragraph([{ text: 'Je bleef rustig en nam de tijd voor meneer K.; dat is een kwaliteit die in de zorg veel waard is.', tag: 'capacities' }], ids, mentor)],
    'next-step': [paragraph([{ text: 'Lotte bespreekt het voorval deze week met haar praktijkbegeleider en vraagt hoe het team met weigeren omgaat.', tag: 'agreement' }], ids, lotte)],
    help: [paragraph(['Haar praktijkbegeleider, en een klasgenoot die op dezelfde afdeling stage loopt.'], ids)],
    'mentor-notes': [paragraph(['Volgende keer vragen hoe het gesprek is gegaan.'], ids)],
  });
  const internalPassages: Passage[] = [
    { key: 'boundary', code: 'boundaryExperience', memo: 'Ethisch dilemma: het schema tegenover wat de bewoner wil.', attributes: { dilemmaType: 'ethical', context: 'internship' } },
    { key: 'motives', code: 'competence:motives', memo: '' },
    { key: 'question', code: 'learningQuestion', memo: '' },
  ];
  const externalPassages: Passage[] = [
    { key: 'capacities', code: 'competence:capacities', memo: '' },
    { key: 'agreement', code: 'agreement', memo: '' },
  ];
  return { internal, external, internalPassages, externalPassages };
}

function docFor(sectionKeys: readonly string[], blocks: Record<string, BlockNode[]>): DialogueDoc {
  return sectionKeys.map((sectionKey) => ({ type: 'section', sectionKey, children: blocks[sectionKey] ?? [{ type: 'paragraph', children: [{ text: '' }] }] }));
}

/** The local date `days` before `nowMs` as YYYY-MM-DD. */
function dayBefore(nowMs: number, days: number): string {
  const date = new Date(nowMs - days * 24 * 60 * 60 * 1000);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/**
 * Adds the example student, its two dialogues, their tags and the agreement. The caller runs
 * this inside one transaction (transact), so it is all there or none of it. CONFLICT when an
 * example already exists: there is only ever one.
 */
export function addExampleStudent(services: Services, nowMs: number, nowIso: string): string {
  const { db } = services;
  if (exampleStudentId(db) !== null) throw new AppError('CONFLICT');
  const student = services.students.create({
    displayName: EXAMPLE_NAME, schoolType: 'mbo-2', programme: 'Zorg en welzijn', cohort: 'Voorbeeld', mentor: '', leavingDate: null,
  }, nowIso);
  const templates = new Map(services.templates.listLatest(true).map((template) => [template.builtinKey, template]));
  const codes = new Map(services.codes.list().map((code) => [code.builtinKey, code.id]));
  const ids = new Map<string, string>();
  const { internal, external, internalPassages, externalPassages } = dialogues(ids);

  const write = (templateKey: string, heldOn: string, title: string, participants: Participant[], blocks: () => Record<string, BlockNode[]>, passages: Passage[]) => {
    const version = templates.get(templateKey);
    if (!version) throw new AppError('NOT_FOUND');
    const id = randomUUID();
    services.dialogues.insert({ id, studentId: student.id, templateVersionId: version.id, placementId: null, kind: version.kind, heldOn, title, content: [] }, nowIso);
    services.dialogues.replaceParticipants(id, participants);
    for (const passage of passages) {
      const codeId = codes.get(passage.code);
      if (!codeId) throw new AppError('NOT_FOUND');
      ids.set(passage.key, services.annotations.create(id, { codeId, memo: passage.memo, attributes: passage.attributes ?? {} }, nowIso).id);
    }
    const content = docFor(version.sections.map((section) => section.key), blocks());
    services.dialogues.saveContent(id, 1, content, countWords(docText(content)), nowIso);
    indexDialogue(db, id);
    const quotes = annotationQuotes(content);
    for (const annotation of services.annotations.listByDialogue(id)) services.annotations.setQuote(annotation.id, quotes.get(annotation.id) ?? '');
    return id;
  };

  const first = write('internal-reflection', dayBefore(nowMs, 14), 'Stage verpleeghuis: meneer K. wil niet gewassen worden', [lotte], internal, internalPassages);
  services.dialogues.finalise(first, 2, nowIso);
  const second = write('external-career', dayBefore(nowMs, 7), 'Loopbaangesprek na de stage-ervaring', [lotte, mentor], external, externalPassages);
  services.actions.create({
    studentId: student.id, dialogueId: second, annotationId: ids.get('agreement')!,
    text: 'Voorval bespreken met de praktijkbegeleider', owner: 'student', dueDate: dayBefore(nowMs, -7),
  }, nowIso);
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(EXAMPLE_SETTING, JSON.stringify(student.id));
  return student.id;
}
