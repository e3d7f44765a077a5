import { describe, expect, it } from 'vitest';
import { addYears, dueCount, localDay } from '../../../electron/core/retention/retention';
import { FakeClock, makeUnlockedBackend } from '../helpers/core';

describe('retention', () => {
  it('lists students whose leaving date plus the period lies before today, longest overdue first', async () => {
    // 2026-03-10 local noon.
    const clock = new FakeClock(new Date(2026, 2, 10, 12, 0).getTime());
    const { api, backend } = await makeUnlockedBackend({ clock });
    const make = (displayName: string, leavingDate: string | null) => api.students.create({ displayName, schoolType: 'havo', leavingDate });
    const late = await make('Laat', '2023-06-30'); // due 2025-06-30
    const early = await make('Vroeg', '2022-01-15'); // due 2024-01-15
    const archived = await make('Gearchiveerd', '2024-03-09'); // due 2026-03-09: yesterday
    await api.students.archive({ id: archived.id });
    await make('Vandaag', '2024-03-10'); // due today: not yet
    await make('Later', '2025-07-01');
    await make('Geen datum', null);

    expect(await api.retention.getYears({})).toEqual({ years: 2 });
    const due = await api.retention.due({});
    expect(due).toEqual([
      { studentId: early.id, displayName: 'Vroeg', leavingDate: '2022-01-15', dueSince: '2024-01-15' },
      { studentId: late.id, displayName: 'Laat', leavingDate: '2023-06-30', dueSince: '2025-06-30' },
      { studentId: archived.id, displayName: 'Gearchiveerd', leavingDate: '2024-03-09', dueSince: '2026-03-09' },
    ]);
    expect(dueCount(backend.vault.database(), clock.now())).toBe(3);

    clock.advance(24 * 3600_000);
    expect((await api.retention.due({})).map((item) => item.displayName)).toContain('Vandaag');
  });

  it('keeps the period as a setting (1–20 years) that changes what is due, and survives a lock', async () => {
    const clock = new FakeClock(new Date(2026, 2, 10, 12, 0).getTime());
    const { api } = await makeUnlockedBackend({ clock });
    await api.students.create({ displayName: 'Drie jaar weg', schoolType: 'havo', leavingDate: '2023-01-01' });
    expect(await api.retention.due({})).toHaveLength(1);
    expect(await api.retention.setYears({ years: 5 })).toEqual({ years: 5 });
    expect(await api.retention.due({})).toEqual([]);
    await expect(api.retention.setYears({ years: 0 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(api.retention.setYears({ years: 21 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await api.vault.lock({});
    await api.vault.unlock({ passphrase: 'paarse olifant danst op de dijk' });
    expect(await api.retention.getYears({})).toEqual({ years: 5 });
    await api.retention.setYears({ years: 1 });
    expect(await api.retention.due({})).toHaveLength(1);
  });

  it('adds years on the calendar, 29 February to 28 February', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2023-12-31', 2)).toBe('2025-12-31');
    expect(addYears('2023-02-30', 2)).toBeNull();
    expect(addYears('rubbish', 2)).toBeNull();
    expect(localDay(new Date(2026, 0, 5, 0, 1).getTime())).toBe('2026-01-05');
  });
});
