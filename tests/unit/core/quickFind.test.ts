import { describe, expect, it } from 'vitest';
import { foldForMatch } from '../../../shared/textFold';
import { makeDialogueWorld, newDialogue } from '../helpers/dialogues';

describe('quick switcher', () => {
  it('folds names as Dutch schools write them', () => {
    expect(foldForMatch('Yılmaz')).toBe('yilmaz');
    expect(foldForMatch('Łukasz Wąsowska')).toBe('lukasz wasowska');
    expect(foldForMatch('Søren Æbelø')).toBe('soren aebelo');
    expect(foldForMatch('Zoë Ündeğer')).toBe('zoe undeger');
    expect(foldForMatch('Straße')).toBe('strasse');
  });

  it('finds students by folded name (prefix first) and dialogues by title or student, never archived ones', async () => {
    const { api, student, template } = await makeDialogueWorld();
    const yilmaz = await api.students.create({ displayName: 'Emre Yılmaz', schoolType: 'vmbo-t' });
    const lukasz = await api.students.create({ displayName: 'Łukasz Nowak', schoolType: 'havo' });
    const gone = await api.students.create({ displayName: 'Yildiz Archief', schoolType: 'havo' });
    await api.students.archive({ id: gone.id });
    const dialogue = await api.dialogues.create({ studentId: lukasz.id, templateVersionId: template('intake').id, heldOn: '2026-10-01', title: 'Stagekeuze', participants: [] });
    await newDialogue(api, student.id, template('intake'));

    expect((await api.quickFind.query({ query: 'yilm' })).students.map((s) => s.id)).toEqual([yilmaz.id]);
    expect((await api.quickFind.query({ query: 'luk' })).students.map((s) => s.id)).toEqual([lukasz.id]);
    expect((await api.quickFind.query({ query: 'yi' })).students.map((s) => s.name)).not.toContain('Yildiz Archief');
    const byTitle = await api.quickFind.query({ query: 'stagek' });
    expect(byTitle.dialogues.map((d) => d.id)).toEqual([dialogue.id]);
    expect((await api.quickFind.query({ query: 'nowak' })).dialogues.map((d) => d.id)).toEqual([dialogue.id]);
    expect(await api.quickFind.query({ query: '   ' })).toEqual({ students: [], dialogues: [] });
  });
});
