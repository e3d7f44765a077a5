import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../../electron/core/import/parseTranscript';
import { pseudonymiser } from '../../../../electron/core/import/pseudonymise';
import { fixture, said } from './helpers';

describe('pseudonymisation', () => {
  it('replaces names in speaker labels and in the text of the Teams VTT', async () => {
    const parsed = await parseTranscript('gesprek-stage-teams.vtt', fixture('gesprek-stage-teams.vtt'), [
      { name: 'Sanne', replacement: 'S.' },
      { name: 'Jansen', replacement: 'J.' },
      { name: 'Sanne de Vries', replacement: 'Leerling A' },
      { name: 'Bakker', replacement: 'cliënt X' },
    ]);
    expect(parsed.speakers).toEqual(['Mentor J.', 'Leerling A']);
    expect(parsed.turns[0]!.text).toBe('Goedemorgen S.. Vorige keer spraken we af dat je iets zou bijhouden over je stage. Hoe is het gegaan?');
    expect(parsed.turns[1]!.text).toContain('Mevrouw cliënt X wilde per se douchen');
    const all = JSON.stringify(parsed);
    for (const name of ['Sanne', 'Jansen', 'Vries', 'Bakker']) expect(all).not.toContain(name);
  });

  it('matches whole words only, case-insensitively, with Unicode word boundaries', () => {
    const replace = pseudonymiser([{ name: 'Sanne', replacement: 'X' }]);
    expect(replace("Sanne, SANNE en sanne. Sanne's fiets. (Sanne)")).toBe("X, X en X. X's fiets. (X)");
    expect(replace('Sanneë Sannes Sanne2 ÉSanne Sanne\u0308 Sanne_')).toBe('Sanneë Sannes Sanne2 ÉSanne Sanne\u0308 X_');
    expect(replace('Zoë-Sanne-Bos')).toBe('Zoë-X-Bos');
    const zoe = pseudonymiser([{ name: 'Zoë', replacement: 'Z.' }]);
    expect(zoe('Zoë, ZOË en Zoëtje; Zoe blijft')).toBe('Z., Z. en Zoëtje; Zoe blijft');
  });

  it('replaces the longest name first, whatever the order given, and never replaces a replacement', () => {
    const rules = [
      { name: 'Sanne', replacement: 'Bram' },
      { name: 'Sanne de Vries', replacement: 'Leerling A' },
      { name: 'de Vries', replacement: 'familie' },
      { name: 'Bram', replacement: 'Sanne' },
    ];
    const replace = pseudonymiser(rules);
    expect(replace('Sanne de Vries, Sanne, mevrouw de Vries en Bram')).toBe('Leerling A, Bram, mevrouw familie en Sanne');
    expect(pseudonymiser([...rules].reverse())('Sanne de Vries, Sanne, mevrouw de Vries en Bram')).toBe('Leerling A, Bram, mevrouw familie en Sanne');
    // A double or non-breaking space inside the name is still the name.
    expect(replace('Sanne  de\u00A0Vries')).toBe('Leerling A');
  });

  it('treats regex characters in names literally', () => {
    const replace = pseudonymiser([{ name: "D'Souza (Jr.)", replacement: 'X' }, { name: 'J.W.', replacement: 'Y' }, { name: 'A+B', replacement: 'Z' }]);
    expect(replace("meneer D'Souza (Jr.) en J.W. en A+B maar niet JxWx of AAB")).toBe('meneer X en Y en Z maar niet JxWx of AAB');
  });

  it('replaces labels before merging, so two names for one person become one turn', async () => {
    const text = 'Mentor: Hallo Sanne.\nSanne: Hoi.\nSanne de Vries: Ik ben het.\nMentor: Fijn.\n';
    const parsed = await parseTranscript('a.txt', Buffer.from(text), [
      { name: 'Sanne de Vries', replacement: 'Leerling' },
      { name: 'Sanne', replacement: 'Leerling' },
    ]);
    expect(said(parsed)).toEqual([['Mentor', 'Hallo Leerling.'], ['Leerling', 'Hoi. Ik ben het.'], ['Mentor', 'Fijn.']]);
    expect(parsed.speakers).toEqual(['Mentor', 'Leerling']);
  });
});
