import { join } from 'node:path';
import { DILEMMA_TYPES, EXPERIENCE_CONTEXTS, SCHOOL_TYPES } from '../../shared/domain';
import type { AnnotationAttributes, Code, TemplateVersion } from '../../shared/dialogueSchemas';
import { annotationQuotes, countWords, docText, type DialogueDoc, type ParagraphNode, type TextLeaf } from '../../shared/editorDoc';
import { Backend } from '../../electron/core/backend';
import { indexDialogue } from '../../electron/core/search/searchIndex';
import { Services } from '../../electron/core/services';
import { clientFor } from '../harness/clientFor';
import type { Scale } from './scale';
import { dutchWords, seededRandom } from './syntheticText';

export const BENCH_PASSPHRASE = 'fiets lantaarn oktober kompas';

/** What the figures need to find again in a built vault. */
export interface SyntheticVault {
  dataDir: string;
  studentIds: string[];
  /** A student with 40 dialogues, for the portfolio export. */
  portfolioStudentId: string;
  /** A draft of about 3,000 words with tags, for autosave. */
  autosaveDialogueId: string;
  dialogues: number;
  buildSeconds: number;
}

const FIRST = ['Sanne', 'Daan', 'Emma', 'Mohammed', 'Lotte', 'Sem', 'Fenna', 'Bram', 'Yasmin', 'Luuk', 'Noor', 'Thijs', 'Aylin', 'Jesse', 'Isa', 'Milan'];
const LAST = ['de Vries', 'Jansen', 'Bakker', 'Yilmaz', 'Visser', 'Smit', 'Meijer', 'de Boer', 'El Amrani', 'Mulder', 'Bos', 'Vos', 'Peters', 'Hendriks'];
const PROGRAMMES = ['Verzorgende-IG', 'Zorg en welzijn', 'Techniek', 'Economie en ondernemen', 'Onderwijsassistent', 'Mediavormgeving'];

/** A transcript in speaker turns of ~60 words, with `tags` spans marked (ann_<id>) in distinct turns. */
function transcript(words: number, tagIds: readonly string[], random: () => number): ParagraphNode[] {
  const text = dutchWords(words, random);
  const turns: ParagraphNode[] = [];
  for (let index = 0; index < text.length; index += 60) {
    const mentor = (index / 60) % 2 === 0;
    turns.push({ type: 'paragraph', speaker: mentor ? 'Mentor' : 'Leerling', role: mentor ? 'mentor' : 'student', children: [{ text: text.slice(index, index + 60).join(' ') }] });
  }
  tagIds.forEach((id, tag) => {
    const turn = turns[Math.floor(((tag + random()) / tagIds.length) * turns.length) % turns.length]!;
    const leaf = turn.children.at(-1)!;
    const cut = Math.floor(leaf.text.length / 3);
    const parts: TextLeaf[] = [
      { text: leaf.text.slice(0, cut) },
      { text: leaf.text.slice(cut, cut * 2), [`ann_${id}`]: true },
      { text: leaf.text.slice(cut * 2) },
    ];
    turn.children.splice(turn.children.length - 1, 1, ...parts.filter((part) => part.text.length > 0));
  });
  return turns;
}

/** The transcript in the template's first section, a short reflection in each other section. */
function dialogueDoc(version: TemplateVersion, words: number, tagIds: readonly string[], random: () => number): DialogueDoc {
  const [first, ...rest] = version.sections;
  const reflectionWords = 40;
  const turns = transcript(Math.max(60, words - rest.length * reflectionWords), tagIds, random);
  return [
    { type: 'section', sectionKey: first!.key, children: turns },
    ...rest.map((section) => ({
      type: 'section' as const, sectionKey: section.key,
      children: [{ type: 'paragraph' as const, children: [{ text: dutchWords(reflectionWords, random).join(' ') }] }],
    })),
  ];
}

function tagFields(codes: readonly Code[], tag: number, random: () => number): { codeId: string; memo: string; attributes: AnnotationAttributes } {
  const code = codes[tag % codes.length]!;
  const attributes: AnnotationAttributes = code.builtinKey === 'boundaryExperience'
    ? { dilemmaType: DILEMMA_TYPES[Math.floor(random() * DILEMMA_TYPES.length)]!, context: EXPERIENCE_CONTEXTS[Math.floor(random() * EXPERIENCE_CONTEXTS.length)]! }
    : {};
  const memo = tag % 3 === 0 ? dutchWords(12, random).join(' ') : '';
  return { codeId: code.id, memo, attributes };
}

/**
 * Builds an encrypted vault of `scale` through the app's own repositories and search indexing
 * (the same SQL the handlers run), a student per transaction, as years of use would leave it.
 * The vault is created with the real passphrase cost, so that unlocking it measures the real KDF.
 */
export async function buildSyntheticVault(root: string, scale: Scale, log: (line: string) => void): Promise<SyntheticVault> {
  const started = performance.now();
  const dataDir = join(root, `vault-${scale.name}`);
  const backend = new Backend({ dataDir, appVersion: '0.0.0-bench' });
  try {
    await clientFor(backend).vault.create({ passphrase: BENCH_PASSPHRASE });
    const services = new Services(backend.vault.database());
    const db = services.db;
    // Building is setup, not a figure: no fsync per student. The vault is checkpointed at the end.
    db.pragma('synchronous = OFF');
    const versions = services.templates.listLatest(false);
    const codes = services.codes.list().filter((code) => code.builtinKey !== null);
    const random = seededRandom(1_000 + scale.students);
    const studentIds: string[] = [];
    let dialogues = 0;
    let portfolioStudentId = '';
    let autosaveDialogueId = '';

    const addDialogue = (studentId: string, heldOn: string, words: number, tags: number, final: boolean): string => {
      const version = versions[dialogues % versions.length]!;
      const now = `${heldOn}T12:00:00.000Z`;
      const id = crypto.randomUUID();
      services.dialogues.insert({
        id, studentId, templateVersionId: version.id, placementId: null, kind: version.kind, heldOn,
        title: `Gesprek ${heldOn}`, content: dialogueDoc(version, 0, [], random),
      }, now);
      const tagIds = Array.from({ length: tags }, (_, tag) => services.annotations.create(id, tagFields(codes, tag + dialogues, random), now).id);
      const content = dialogueDoc(version, words, tagIds, random);
      services.dialogues.saveContent(id, 1, content, countWords(docText(content)), now);
      indexDialogue(db, id);
      for (const [annotationId, quote] of annotationQuotes(content)) services.annotations.setQuote(annotationId, quote);
      if (final) db.prepare(`UPDATE dialogues SET status = 'final', finalised_at = updated_at WHERE id = ?`).run(id);
      dialogues++;
      return id;
    };

    const addStudent = db.transaction((index: number) => {
      const now = '2022-08-20T09:00:00.000Z';
      const student = services.students.create({
        displayName: `${FIRST[index % FIRST.length]} ${LAST[Math.floor(index / FIRST.length) % LAST.length]} ${index + 1}`,
        schoolType: SCHOOL_TYPES[index % SCHOOL_TYPES.length]!, programme: PROGRAMMES[index % PROGRAMMES.length]!,
        cohort: `${2022 + (index % 4)}`, mentor: 'Bench Mentor', leavingDate: null,
      }, now);
      studentIds.push(student.id);
      // The first student has twice the dialogues: the 40-dialogue portfolio.
      const count = index === 0 ? scale.dialoguesPerStudent * 2 : scale.dialoguesPerStudent;
      let lastDialogue = '';
      for (let number = 0; number < count; number++) {
        // Spread over four school years, a few weeks apart, oldest first; the newest two are drafts.
        const day = new Date(Date.UTC(2022, 8, 1) + Math.floor((number / count) * 1_400 + random() * 20) * 86_400_000).toISOString().slice(0, 10);
        lastDialogue = addDialogue(student.id, day, scale.wordsPerDialogue, scale.tagsPerDialogue, number < count - 2);
      }
      services.actions.create({ studentId: student.id, dialogueId: lastDialogue, annotationId: null, text: dutchWords(8, random).join(' '), owner: 'student', dueDate: '2026-12-18' }, now);
      services.actions.create({ studentId: student.id, dialogueId: lastDialogue, annotationId: null, text: dutchWords(8, random).join(' '), owner: 'mentor', dueDate: null }, now);
    });

    for (let index = 0; index < scale.students; index++) {
      addStudent(index);
      if ((index + 1) % 100 === 0) log(`  ${index + 1} / ${scale.students} students, ${dialogues} dialogues`);
    }
    portfolioStudentId = studentIds[0]!;
    autosaveDialogueId = db.transaction(() => addDialogue(studentIds[1]!, '2026-11-27', 3_000, 10, false))();
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { dataDir, studentIds, portfolioStudentId, autosaveDialogueId, dialogues, buildSeconds: (performance.now() - started) / 1000 };
  } finally {
    backend.close();
  }
}
