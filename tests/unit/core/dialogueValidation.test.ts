import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { docFor, leaf, makeDialogueWorld, newDialogue, paragraph } from '../helpers/dialogues';

const refused = (field: string) => ({ ok: false, error: { code: 'VALIDATION', params: { field } } });

describe('bad requests for issue 3\'s channels', () => {
  it('are refused with VALIDATION naming the field, and store nothing', async () => {
    const { backend, api, student, template, code } = await makeDialogueWorld();
    const intake = template('intake');
    const dialogue = await newDialogue(api, student.id, intake);
    const create = { studentId: student.id, templateVersionId: intake.id, heldOn: '2025-09-01', participants: [] };
    const sections = [{ key: 'a', title: 'A', prompt: '', competence: null, private: false }];
    const copy = await api.templates.copy({ templateId: intake.templateId });

    const cases: [string, unknown, string][] = [
      ['dialogues:create', { ...create, heldOn: '2025-02-30' }, 'heldOn'],
      ['dialogues:create', { ...create, heldOn: '1-9-2025' }, 'heldOn'],
      ['dialogues:create', { ...create, participants: [{ name: 'Oma', role: 'oma' }] }, 'participants.0.role'],
      ['dialogues:create', { ...create, participants: [{ name: ' ', role: 'parent' }] }, 'participants.0.name'],
      ['dialogues:create', { ...create, templateVersionId: 'intake' }, 'templateVersionId'],
      ['dialogues:updateDetails', { id: dialogue.id, heldOn: '2025-09-31', participants: [] }, 'heldOn'],
      ['annotations:create', { dialogueId: dialogue.id, codeId: code('boundaryExperience'), attributes: { dilemmaType: 'moreel' } }, 'attributes.dilemmaType'],
      ['annotations:create', { dialogueId: dialogue.id, codeId: code('boundaryExperience'), attributes: { mood: 'boos' } }, 'attributes.mood'],
      ['codes:create', { name: 'Rood', color: 'red' }, 'color'],
      ['codes:create', { name: '', color: '#D55E00' }, 'name'],
      ['templates:saveVersion', { templateId: copy.templateId, name: 'X', kind: 'internal', sections: [...sections, ...sections] }, 'sections'],
      ['templates:saveVersion', { templateId: copy.templateId, name: 'X', kind: 'internal', sections: [{ ...sections[0], key: 'Met Spatie' }] }, 'sections.0.key'],
      ['templates:saveVersion', { templateId: copy.templateId, name: 'X', kind: 'internal', sections: [] }, 'sections'],
      ['actions:create', { studentId: student.id, text: 'x', owner: 'student', dueDate: '2025-13-01' }, 'dueDate'],
      ['actions:create', { studentId: student.id, text: 'x', owner: 'ouder' }, 'owner'],
      ['actions:update', { id: randomUUID(), dueDate: '2025-02-29' }, 'dueDate'],
      ['placements:create', { studentId: student.id, organisation: 'X', startDate: '2025-04-31' }, 'startDate'],
      ['dialogues:addAmendment', { id: dialogue.id, text: '   ' }, 'text'],
    ];
    for (const [channel, request, field] of cases) {
      expect(await backend.dispatch(channel, request), `${channel} ${field}`).toEqual(refused(field));
    }
    expect(await api.dialogues.list({ studentId: student.id })).toHaveLength(1);
    expect((await api.codes.list()).filter((c) => !c.builtinKey)).toEqual([]);
    expect(await api.actions.list({ studentId: student.id })).toEqual([]);
    expect((await api.templates.list()).find((t) => t.templateId === copy.templateId)!.version).toBe(1);
  });

  it('refuses content with an unknown mark or a wrong section key, leaving the stored draft as it was', async () => {
    const { backend, api, student, template } = await makeDialogueWorld();
    const intake = template('intake');
    const dialogue = await newDialogue(api, student.id, intake);
    const withLeaf = (extra: Record<string, unknown>) => {
      const content = docFor(intake, { goal: [paragraph(leaf('kok'))] }) as unknown as { children: { children: Record<string, unknown>[] }[] }[];
      Object.assign(content[1]!.children[0]!.children[0]!, extra);
      return content;
    };
    const leafPath = 'content.1.children.0.children.0';
    expect(await backend.dispatch('dialogues:save', { id: dialogue.id, revision: 1, content: withLeaf({ underline: true }) })).toEqual(refused(leafPath));
    expect(await backend.dispatch('dialogues:save', { id: dialogue.id, revision: 1, content: withLeaf({ ann_1234: true }) })).toEqual(refused(leafPath));
    expect(await backend.dispatch('dialogues:save', { id: dialogue.id, revision: 1, content: withLeaf({ [`ann_${randomUUID()}`]: 'ja' }) }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const wrongKey = docFor(intake).map((section, i) => (i === 0 ? { ...section, sectionKey: 'voorgeschiedenis' } : section));
    expect(await backend.dispatch('dialogues:save', { id: dialogue.id, revision: 1, content: wrongKey })).toEqual(refused('content'));
    expect(await backend.dispatch('dialogues:save', { id: dialogue.id, revision: 1, content: [{ type: 'section', sectionKey: 'goal', children: [] }] }))
      .toEqual(refused('content.0.children'));

    expect(await api.dialogues.get({ id: dialogue.id })).toMatchObject({ revision: 1, content: docFor(intake) });
    // A well-formed mark passes even without its annotation: an undo can bring back a deleted tag's mark.
    const fine = withLeaf({ [`ann_${randomUUID()}`]: true });
    expect(await backend.dispatch('dialogues:save', { id: dialogue.id, revision: 1, content: fine })).toMatchObject({ ok: true, value: { revision: 2 } });
  });
});
