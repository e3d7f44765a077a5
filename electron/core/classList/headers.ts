import type { ClassListField } from '../../../shared/classListSchemas';
import { foldForMatch } from '../../../shared/textFold';

/**
 * Column headers as Magister, Somtoday and hand-made lists write them, in Dutch and English,
 * compared folded (case, accents) and without spaces, dots or brackets: "Tussenv.",
 * "Tussenvoegsel(s)" and "tussenvoegsels" are one header.
 */
const ALIASES: Record<Exclude<ClassListField, 'ignore'>, readonly string[]> = {
  studentNumber: [
    'leerlingnummer', 'leerlingnr', 'llnr', 'llnummer', 'lln', 'stamnummer', 'stamnr', 'studentnummer', 'studentnr',
    'studentnumber', 'studentno', 'studentid', 'pupilnumber', 'pupilid', 'admissionnumber', 'nummer', 'number',
  ],
  callName: ['roepnaam', 'callname', 'preferredname', 'knownas', 'nickname'],
  firstNames: ['voornaam', 'voornamen', 'firstname', 'firstnames', 'givenname', 'givennames', 'forename', 'forenames'],
  infix: ['tussenvoegsel', 'tussenvoegsels', 'tussenv', 'tv', 'voorvoegsel', 'voorvoegsels', 'infix', 'prefix', 'nameprefix'],
  lastName: ['achternaam', 'familienaam', 'geslachtsnaam', 'lastname', 'surname', 'familyname'],
  fullName: ['naam', 'volledigenaam', 'leerling', 'leerlingnaam', 'name', 'fullname', 'studentname', 'student', 'pupil'],
  className: ['klas', 'klassen', 'stamgroep', 'stamklas', 'basisgroep', 'groep', 'klascode', 'class', 'classname', 'group', 'form', 'homeroom', 'tutorgroup'],
  programme: ['opleiding', 'studie', 'profiel', 'richting', 'sector', 'leerweg', 'opleidingsnaam', 'programme', 'program', 'course', 'track', 'stream'],
  year: ['leerjaar', 'jaar', 'jaarlaag', 'year', 'grade', 'yeargroup', 'schoolyear'],
  mentor: ['mentor', 'mentoren', 'mentornaam', 'coach', 'slb', 'slber', 'studieloopbaanbegeleider', 'loopbaanbegeleider', 'tutor'],
};

const BY_ALIAS = new Map<string, ClassListField>(
  Object.entries(ALIASES).flatMap(([field, aliases]) => aliases.map((alias): [string, ClassListField] => [alias, field as ClassListField])),
);

/** A header folded to the form the aliases are written in. */
export function headerKey(header: string): string {
  return foldForMatch(header).replace(/[^a-z0-9]/g, '');
}

export function fieldForHeader(header: string): ClassListField {
  return BY_ALIAS.get(headerKey(header)) ?? 'ignore';
}

/** One field per column, each field at most once (the first column that has it wins). */
export function suggestMapping(headers: readonly string[]): ClassListField[] {
  const taken = new Set<ClassListField>();
  return headers.map((header) => {
    const field = fieldForHeader(header);
    if (field === 'ignore' || taken.has(field)) return 'ignore';
    taken.add(field);
    return field;
  });
}

/** How many of these cells are headers we know: a row with two or more is taken as the header. */
export function knownHeaderCount(cells: readonly string[]): number {
  return new Set(cells.map(fieldForHeader).filter((field) => field !== 'ignore')).size;
}
