import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectAppError } from '../helpers/core';
import { makeDialogueWorld } from '../helpers/dialogues';

describe('placements', () => {
  it('lists a student\'s internships, most recent start first and undated last', async () => {
    const { api, student } = await makeDialogueWorld();
    const other = await api.students.create({ displayName: 'Sem', schoolType: 'havo' });
    const first = await api.placements.create({ studentId: student.id, organisation: 'Bakkerij Bol', startDate: '2025-02-01', endDate: '2025-06-30' });
    const undated = await api.placements.create({ studentId: student.id, organisation: '  Garage Smit  ' });
    const current = await api.placements.create({ studentId: student.id, organisation: 'Zorgcentrum De Linde', supervisor: 'Mevr. Jansen', startDate: '2025-09-01' });
    await api.placements.create({ studentId: other.id, organisation: 'Elders' });

    expect(undated).toEqual({ id: expect.any(String), studentId: student.id, organisation: 'Garage Smit', supervisor: '', startDate: null, endDate: null });
    expect(await api.placements.list({ studentId: student.id })).toEqual([current, first, undated]);
  });

  it('refuses an end before the start, and an unknown student', async () => {
    const { api, student } = await makeDialogueWorld();
    const error = await expectAppError(api.placements.create({ studentId: student.id, organisation: 'X', startDate: '2025-09-01', endDate: '2025-08-31' }), 'VALIDATION');
    expect(error.params).toEqual({ field: 'endDate' });
    await expectAppError(api.placements.create({ studentId: randomUUID(), organisation: 'X' }), 'NOT_FOUND');
    await expectAppError(api.placements.list({ studentId: randomUUID() }), 'NOT_FOUND');
    // A one-day placement is fine.
    await api.placements.create({ studentId: student.id, organisation: 'Snuffelstage', startDate: '2025-09-01', endDate: '2025-09-01' });
    expect(await api.placements.list({ studentId: student.id })).toHaveLength(1);
  });
});
