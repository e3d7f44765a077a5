// Domain vocabulary shared by core and renderer. Keys are stable identifiers stored in the
// vault, in English (issue 12; the Dutch keys of vaults and files before migration 0011 are
// mapped by legacyVocabulary.ts); the words users see come from the i18n catalogs.

export const SCHOOL_TYPES = [
  'vmbo-b', 'vmbo-k', 'vmbo-g', 'vmbo-t', 'havo', 'vwo', 'mbo-1', 'mbo-2', 'mbo-3', 'mbo-4', 'hbo',
] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

export const PARTICIPANT_ROLES = ['student', 'mentor', 'workplaceSupervisor', 'parent', 'other'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const DIALOGUE_KINDS = ['internal', 'external'] as const;
export type DialogueKind = (typeof DIALOGUE_KINDS)[number];

export const COMPETENCES = ['capacities', 'motives', 'exploration', 'steering', 'networking'] as const;
export type Competence = (typeof COMPETENCES)[number];

export const DILEMMA_TYPES = ['ethical', 'financial', 'quality', 'other'] as const;
export type DilemmaType = (typeof DILEMMA_TYPES)[number];
export const EXPERIENCE_CONTEXTS = ['internship', 'school', 'sideJob', 'home'] as const;
export type ExperienceContext = (typeof EXPERIENCE_CONTEXTS)[number];

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const AUTO_LOCK_MINUTES = { min: 1, max: 240, default: 10 } as const;

/** Passphrases shorter than this are refused whatever the estimator says. */
export const MIN_PASSPHRASE_LENGTH = 10;
/** zxcvbn score (0–4) a passphrase must reach. */
export const MIN_PASSPHRASE_SCORE = 3;
