import { describe, expect, it } from 'vitest';
import { MAX_STEM_CHARS, dialogueFileName, portfolioFileName, safeFileStem } from '../../../../electron/core/export/fileNames';

describe('export file names', () => {
  it('names a dialogue summary after the student and the day it was held, in the UI language', () => {
    expect(dialogueFileName('Noor el Amrani', '2025-09-01', 'nl')).toBe('Noor-el-Amrani-2025-09-01-gesprek.docx');
    expect(dialogueFileName('Noor el Amrani', '2025-09-01', 'en')).toBe('Noor-el-Amrani-2025-09-01-dialogue.docx');
    expect(portfolioFileName('Noor el Amrani', 'nl')).toBe('Noor-el-Amrani-portfolio.docx');
    expect(portfolioFileName('Noor el Amrani', 'en')).toBe('Noor-el-Amrani-portfolio.docx');
  });

  it.each([
    ['a/b\\c:d*e?f"g<h>i|j', 'abcdefghij'],
    ['../../etc/passwd', 'etcpasswd'],
    ['..\\..\\Windows\\System32', 'WindowsSystem32'],
    ['Sem\u0000\u0007\u001f\u007f de Vries', 'Sem-de-Vries'],
    ['  Daan \t van\n der   Berg  ', 'Daan-van-der-Berg'],
    ['Anne - Fleur', 'Anne-Fleur'],
    ['...Lotte...', 'Lotte'],
    ['-- .Bram. --', 'Bram'],
    // Right-to-left override would show "…cod.exe" as "…exe.doc".
    ['Joep\u202Egnp.exe', 'Joepgnp.exe'],
    ['Zoë', 'Zoë'],
    ['Łukasz Żółć', 'Łukasz-Żółć'],
    ['陈小明', '陈小明'],
  ])('makes %j file-system safe: %j', (name, expected) => {
    expect(safeFileStem(name, 'nl')).toBe(expected);
  });

  it('composes accents (NFC), so the same name gives the same file on every system', () => {
    const decomposed = 'Zoe\u0308 Ce\u0301line';
    expect(safeFileStem(decomposed, 'nl')).toBe('Zo\u00eb-C\u00e9line');
    expect(safeFileStem(decomposed, 'nl')).toBe(safeFileStem(decomposed.normalize('NFC'), 'nl'));
  });

  it.each(['CON', 'con', 'Nul', 'PRN', 'AUX', 'COM1', 'com9', 'LPT1', 'lpt³', 'CON.txt', 'nul.'])(
    'gives the Windows device name %j a suffix', (name) => {
      const stem = safeFileStem(name, 'nl');
      expect(stem.split('.')[0]!.toUpperCase()).not.toMatch(/^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$/);
      expect(stem.toUpperCase().startsWith(name.toUpperCase().replace(/\.$/, '').split('.')[0]!)).toBe(true);
    });

  it('keeps names that merely start like a device name', () => {
    expect(safeFileStem('Connie', 'nl')).toBe('Connie');
    expect(safeFileStem('COM10', 'nl')).toBe('COM10');
    expect(safeFileStem('Nul Punt', 'nl')).toBe('Nul-Punt');
  });

  it('falls back to "leerling" / "student" when nothing of the name is left', () => {
    for (const name of ['', '   ', '...', '???', '<>:"/\\|?*', '\u0000\u0001', '-.-']) {
      expect(safeFileStem(name, 'nl')).toBe('leerling');
      expect(safeFileStem(name, 'en')).toBe('student');
    }
    expect(dialogueFileName('///', '2025-09-01', 'nl')).toBe('leerling-2025-09-01-gesprek.docx');
  });

  it('cuts long names at 80 characters, without splitting a character or leaving a dash at the end', () => {
    expect(safeFileStem('a'.repeat(200), 'nl')).toHaveLength(MAX_STEM_CHARS);
    expect(safeFileStem(`${'a'.repeat(79)} b`, 'nl')).toBe('a'.repeat(79));
    const emoji = safeFileStem('👩‍🎓'.repeat(100), 'nl');
    // Each is one grapheme of several code points; the cut falls between them, never inside.
    expect(emoji.length % '👩‍🎓'.length).toBe(0);
    expect(emoji.startsWith('👩‍🎓')).toBe(true);
  });

  it('stays under the 255-byte name limit with the longest suffix, whatever the script', () => {
    for (const name of ['a'.repeat(500), '陈'.repeat(500), '😀'.repeat(500), 'é'.repeat(500), 'e\u0301'.repeat(500)]) {
      const fileName = dialogueFileName(name, '2025-09-01', 'en');
      expect(Buffer.byteLength(fileName, 'utf8')).toBeLessThanOrEqual(255);
      // No surrogate half left by the cut: it would not survive UTF-8.
      expect(Buffer.from(fileName, 'utf8').toString('utf8')).toBe(fileName);
    }
  });
});
