import { COMPETENCES } from '../domain';

/**
 * Okabe–Ito: eight colours that stay distinguishable with the common colour-vision deficiencies.
 * Each code also gets an underline style, so colour is never the only cue.
 */
export const CODE_COLORS = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#7F7F7F'] as const;
export const CODE_CUES = ['solid', 'dashed', 'dotted', 'double', 'wavy'] as const;
export type CodeCue = (typeof CODE_CUES)[number];

export interface BuiltinCode {
  key: string;
  name: { nl: string; en: string };
  color: string;
  cue: CodeCue;
  /** Codes with a dilemma type and context (Grenservaring). */
  boundary?: true;
}

const competenceNames: Record<(typeof COMPETENCES)[number], { nl: string; en: string }> = {
  capacities: { nl: 'Capaciteitenreflectie', en: 'Reflection on capacities' },
  motives: { nl: 'Motievenreflectie', en: 'Reflection on motives' },
  exploration: { nl: 'Werkexploratie', en: 'Work exploration' },
  steering: { nl: 'Loopbaansturing', en: 'Career steering' },
  networking: { nl: 'Netwerken', en: 'Networking' },
};

export const BUILTIN_CODES: readonly BuiltinCode[] = [
  { key: 'boundaryExperience', name: { nl: 'Grenservaring', en: 'Boundary experience' }, color: '#D55E00', cue: 'double', boundary: true },
  ...COMPETENCES.map((key, index): BuiltinCode => ({
    key: `competence:${key}`,
    name: competenceNames[key],
    color: (['#0072B2', '#CC79A7', '#009E73', '#E69F00', '#56B4E9'] as const)[index]!,
    cue: (['solid', 'dashed', 'dotted', 'solid', 'dashed'] as const)[index]!,
  })),
  { key: 'learningQuestion', name: { nl: 'Leervraag', en: 'Learning question' }, color: '#F0E442', cue: 'wavy' },
  { key: 'agreement', name: { nl: 'Afspraak', en: 'Agreement' }, color: '#7F7F7F', cue: 'dotted' },
];
