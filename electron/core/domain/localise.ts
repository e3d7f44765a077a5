import { BUILTIN_CODES } from '../../../shared/builtins/codes';
import { BUILTIN_TEMPLATES } from '../../../shared/builtins/templates';
import type { Code, TemplateVersion } from '../../../shared/dialogueSchemas';
import type { Language } from '../../../shared/domain';

// Built-ins are stored in Dutch but belong to the app, not the mentor: they are shown in the UI
// language by their key. What the mentor wrote (custom templates and codes) is shown as stored.

const templatesByKey = new Map(BUILTIN_TEMPLATES.map((template, index) => [template.key, { template, index }]));
const codesByKey = new Map(BUILTIN_CODES.map((code) => [code.key, code]));

/** Place of a built-in template in the fixed order; custom templates come after all of them. */
export function builtinTemplateRank(builtinKey: string | null): number {
  const entry = builtinKey ? templatesByKey.get(builtinKey) : undefined;
  return entry ? entry.index : BUILTIN_TEMPLATES.length;
}

export function templateName(name: string, builtinKey: string | null, language: Language): string {
  const builtin = builtinKey ? templatesByKey.get(builtinKey)?.template : undefined;
  return builtin ? builtin.name[language] : name;
}

export function localiseTemplate(version: TemplateVersion, language: Language): TemplateVersion {
  const builtin = version.builtinKey ? templatesByKey.get(version.builtinKey)?.template : undefined;
  if (!builtin) return version;
  return {
    ...version,
    name: builtin.name[language],
    sections: version.sections.map((section) => {
      // Matched by key: a section the built-in no longer has keeps its stored words.
      const text = builtin.sections.find((candidate) => candidate.key === section.key);
      return text ? { ...section, title: text.title[language], prompt: text.prompt[language] } : section;
    }),
  };
}

export function localiseCode(code: Code, language: Language): Code {
  const builtin = code.builtinKey ? codesByKey.get(code.builtinKey) : undefined;
  return builtin ? { ...code, name: builtin.name[language] } : code;
}

const COPY_NAME: Record<Language, (name: string) => string> = {
  nl: (name) => `Kopie van ${name}`,
  en: (name) => `Copy of ${name}`,
};

export function copyName(name: string, language: Language): string {
  return COPY_NAME[language](name);
}
