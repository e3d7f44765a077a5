import { describe, expect, it } from 'vitest';
import { buildDialogueSummary } from '../../../../electron/core/export/dialogueSummaryDocx';
import { cleanLine, cleanText, isMainlyRtl } from '../../../../electron/core/export/textSafety';
import type { BlockNode } from '../../../../shared/editorDoc';
import { wellFormed } from './xmlCheck';
import { annotation, codes, context, dialogue, docFor, id, leaf, para, paragraphTexts, part, plainText, student, template, unzip } from './docxFixtures';

describe('cleanText', () => {
  it('strips control characters XML forbids but keeps tab and newline', () => {
    expect(cleanText('a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\th\ni')).toBe('abcdefg\th\ni');
  });

  it('turns Windows and old Mac line ends into newlines', () => {
    expect(cleanText('a\r\nb\rc')).toBe('a\nb\nc');
  });

  it('strips lone surrogates and the non-characters U+FFFE/U+FFFF, keeping real pairs (emoji)', () => {
    expect(cleanText('x\uD800y\uDC00z\uFFFE\uFFFF👩🏽‍⚕️')).toBe('xyz👩🏽‍⚕️');
    expect(cleanText('\uDBFF')).toBe('');
  });

  it('puts a cell value on one line', () => {
    expect(cleanLine('a\nb\tc')).toBe('a b c');
  });
});

describe('isMainlyRtl', () => {
  it('is true for Arabic and Hebrew, also with digits and a Latin word', () => {
    expect(isMainlyRtl('مرحبا، أنا أعمل في المستشفى 3 dagen')).toBe(true);
    expect(isMainlyRtl('שלום, אני עובדת בבית חולים')).toBe(true);
  });

  it('is false for Dutch with a single Arabic word, and for text without letters', () => {
    expect(isMainlyRtl('Ze zei مرحبا tegen de cliënt in de gang')).toBe(false);
    expect(isMainlyRtl('12:30 👍')).toBe(false);
  });
});

describe('hard text in a document', () => {
  const version = template('external-career');
  const tag = id(900);
  const longWord = 'a'.repeat(5000);
  const blocks: BlockNode[] = [
    para(leaf('Controle\u0000tekens\u0007 en \uD800losse\uDFFF helften')),
    para(leaf('Emoji 👩🏽‍⚕️🚑 en vlaggen 🇳🇱')),
    { type: 'paragraph', speaker: 'سارة', role: 'student', children: [leaf('أنا أحب العمل مع الناس', { ann: [tag] })] },
    para(leaf('עברית: אני רוצה ללמוד סיעוד')),
    para(leaf(longWord)),
    para(leaf('kolom\tna tab\nen een nieuwe regel')),
    para(leaf('<b>geen opmaak</b> & "aanhalingstekens" \'enkel\'')),
  ];
  const d = dialogue({
    template: version,
    title: 'Titel\u0001 met \uDC00controle',
    content: docFor(version, { share: blocks }),
    participants: [{ name: 'Sara\u0002', role: 'student' }],
    annotations: [annotation(tag, id(500), 'boundaryExperience', 'أنا أحب العمل مع الناس', 'memo\u0003 met \u0000nul', { dilemmaType: 'other' })],
  });

  async function build() {
    const bytes = await buildDialogueSummary({ student, dialogue: d, codes }, { includePrivate: false, tagsAsComments: true }, context({ author: 'Mevr.\u0004 Jansen', school: { name: 'School\u0005', logo: null } }));
    return unzip(bytes);
  }

  it('builds, and every XML part is well-formed', async () => {
    const parts = await build();
    for (const [path, xml] of parts) expect(wellFormed(xml), path).toBe(true);
  });

  it('drops the forbidden characters and keeps the rest of the text', async () => {
    const parts = await build();
    const all = [...parts.values()].join('');
    // eslint-disable-next-line no-control-regex -- looking for the characters that must be gone
    expect(all).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    const text = plainText(part(parts, 'word/document.xml'));
    expect(text).toContain('Controletekens en losse helften');
    expect(text).toContain('Emoji 👩🏽‍⚕️🚑 en vlaggen 🇳🇱');
    expect(text).toContain('<b>geen opmaak</b> & "aanhalingstekens" \'enkel\'');
    expect(part(parts, 'docProps/core.xml')).toContain('<dc:title>Titel met controle</dc:title>');
    expect(part(parts, 'docProps/core.xml')).toContain('<dc:creator>Mevr. Jansen</dc:creator>');
    expect(paragraphTexts(part(parts, 'word/comments.xml'))).toEqual(['Grenservaring — anders: memo met nul']);
    expect(plainText(part(parts, 'word/header1.xml'))).toBe('School');
  });

  it('keeps a 5,000-letter word whole', async () => {
    expect(part(await build(), 'word/document.xml')).toContain(`>${longWord}<`);
  });

  it('turns a tab into a Word tab and a newline into a line break', async () => {
    expect(part(await build(), 'word/document.xml')).toMatch(/>kolom<\/w:t><w:tab\/><w:t xml:space="preserve">na tab<\/w:t><\/w:r><w:r><w:br\/><w:t xml:space="preserve">en een nieuwe regel</);
  });

  it('marks Arabic and Hebrew runs and paragraphs right-to-left, Dutch ones not', async () => {
    const xml = part(await build(), 'word/document.xml');
    const paragraphOf = (text: string) => [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([paragraph]) => paragraph).find((paragraph) => paragraph.includes(text))!;
    for (const text of ['أنا أحب العمل مع الناس', 'עברית: אני רוצה ללמוד סיעוד']) {
      const paragraph = paragraphOf(text);
      expect(paragraph).toContain('<w:bidi/>');
      expect(paragraph).toMatch(new RegExp(`<w:rtl/>(?:(?!</w:r>)[\\s\\S])*${text}`));
    }
    expect(paragraphOf('Emoji')).not.toContain('<w:rtl/>');
    expect(paragraphOf('Emoji')).not.toContain('<w:bidi/>');
  });
});
