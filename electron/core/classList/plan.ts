import { CLASS_LIST_LIMITS, type ClassListField, type ClassListPlan, type ClassListPreviewRow, type ClassListSkip, type ClassListSkipReason } from '../../../shared/classListSchemas';
import type { SchoolType } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { StudentNumber, type Student } from '../../../shared/schemas';
import { foldForMatch } from '../../../shared/textFold';
import type { ParsedClassList } from './parseClassList';

/**
 * What a mapping makes of a parsed class list, against the students already in the vault:
 * each row becomes a new student, a duplicate of one (same student number, else the same name
 * folded as Dutch names are written) or a skipped row with its reason. Pure: the preview and
 * the import run the same plan, the import inside its transaction on the vault as it is then.
 */

export interface StudentValues {
  displayName: string;
  studentNumber: string | null;
  cohort: string;
  programme: string;
  mentor: string;
  schoolType: SchoolType;
  /** The school type came from the file (the programme said it), not from the default. */
  schoolTypeFromFile: boolean;
}

export type PlannedRow =
  | { row: number; cells: string[]; outcome: 'new'; values: StudentValues }
  | { row: number; cells: string[]; outcome: 'duplicate'; values: StudentValues; existing: Student; matchedBy: 'number' | 'name' }
  | { row: number; cells: string[]; outcome: 'skipped'; reason: ClassListSkipReason; values: StudentValues | null };

/** The most a field holds (shared/schemas.ts StudentFields). */
const MAX = { displayName: 200, cohort: 50, programme: 200, mentor: 200 } as const;

/**
 * The school type a programme names: "HAVO", "vwo (atheneum)", "vmbo-tl", "Mavo 4",
 * "Kaderberoepsgerichte leerweg", "mbo niveau 3". Null when it names none.
 */
export function schoolTypeOf(text: string): SchoolType | null {
  const t = ` ${foldForMatch(text).replace(/[^a-z0-9]+/g, ' ')} `;
  if (/ (vwo|atheneum|gymnasium|tto vwo) /.test(t)) return 'vwo';
  if (/ havo /.test(t)) return 'havo';
  const mbo = / mbo (?:niveau |n)?([1-4]) | niveau ([1-4]) /.exec(t);
  if (mbo) return `mbo-${mbo[1] ?? mbo[2]}` as SchoolType;
  if (/ (hbo|bachelor|associate degree|ad) /.test(t)) return 'hbo';
  if (/ (mavo|vmbo ?tl?|vmbot|tl|theoretische leerweg|theoretisch) /.test(t)) return 'vmbo-t';
  if (/ (vmbo ?gl|vmbogl|gl|gemengde leerweg|gemengd) /.test(t)) return 'vmbo-g';
  if (/ (vmbo ?kb?l?|vmbokb|kb|kbl|kader|kaderberoepsgerichte leerweg) /.test(t)) return 'vmbo-k';
  if (/ (vmbo ?bb?l?|vmbobb|bb|bbl|basis|basisberoepsgerichte leerweg) /.test(t)) return 'vmbo-b';
  return null;
}

function valuesOf(cells: readonly string[], mapping: readonly ClassListField[], defaultSchoolType: SchoolType): StudentValues {
  const get = (field: ClassListField): string => {
    const index = mapping.indexOf(field);
    return index >= 0 ? (cells[index] ?? '').trim() : '';
  };
  const first = get('callName') || get('firstNames');
  const composed = [first, get('infix'), get('lastName')].filter(Boolean).join(' ');
  const programme = get('programme');
  const fromFile = schoolTypeOf(programme) ?? schoolTypeOf(get('className'));
  return {
    displayName: composed || get('fullName'),
    studentNumber: get('studentNumber') || null,
    // The class is the group a mentor works with; the year stands in where there is no class.
    cohort: get('className') || get('year'),
    programme,
    mentor: get('mentor'),
    schoolType: fromFile ?? defaultSchoolType,
    schoolTypeFromFile: fromFile !== null,
  };
}

function problemOf(values: StudentValues): ClassListSkipReason | null {
  if (!values.displayName) return 'noName';
  if (values.displayName.length > MAX.displayName || values.cohort.length > MAX.cohort
    || values.programme.length > MAX.programme || values.mentor.length > MAX.mentor) return 'tooLong';
  if (values.studentNumber !== null && !StudentNumber.safeParse(values.studentNumber).success) return 'badNumber';
  return null;
}

const NAME_FIELDS: readonly ClassListField[] = ['callName', 'firstNames', 'lastName', 'fullName'];

export function hasNameColumn(mapping: readonly ClassListField[]): boolean {
  return mapping.some((field) => NAME_FIELDS.includes(field));
}

/** A field chosen for two columns counts for the first only, as the suggestion does. */
export function normaliseMapping(mapping: readonly ClassListField[], width: number): ClassListField[] {
  const taken = new Set<ClassListField>();
  return Array.from({ length: width }, (_, index) => {
    const field = mapping[index] ?? 'ignore';
    if (field === 'ignore' || taken.has(field)) return 'ignore';
    taken.add(field);
    return field;
  });
}

export function planRows(parsed: ParsedClassList, mappingIn: readonly ClassListField[], defaultSchoolType: SchoolType, existing: readonly Student[]): PlannedRow[] {
  const mapping = normaliseMapping(mappingIn, parsed.header.length);
  if (!hasNameColumn(mapping)) throw new AppError('CLASS_LIST_NO_NAME_COLUMN');
  const byNumber = new Map<string, Student>();
  const byName = new Map<string, Student[]>();
  for (const student of existing) {
    if (student.studentNumber) byNumber.set(student.studentNumber, student);
    const key = foldForMatch(student.displayName);
    byName.set(key, [...(byName.get(key) ?? []), student]);
  }
  const numbersSeen = new Set<string>();
  const planned: PlannedRow[] = parsed.skipped.map((skip) => ({ row: skip.row, cells: [], outcome: 'skipped', reason: skip.reason, values: null }));
  for (const { row, cells } of parsed.rows) {
    const values = valuesOf(cells, mapping, defaultSchoolType);
    const problem = problemOf(values);
    if (problem) {
      planned.push({ row, cells, outcome: 'skipped', reason: problem, values });
      continue;
    }
    if (values.studentNumber !== null) {
      if (numbersSeen.has(values.studentNumber)) {
        planned.push({ row, cells, outcome: 'skipped', reason: 'duplicateInFile', values });
        continue;
      }
      numbersSeen.add(values.studentNumber);
      const match = byNumber.get(values.studentNumber);
      if (match) {
        planned.push({ row, cells, outcome: 'duplicate', values, existing: match, matchedBy: 'number' });
        continue;
      }
    }
    // By name only where the vault's student has no other number: two students may share a name.
    const sameName = (byName.get(foldForMatch(values.displayName)) ?? [])
      .filter((student) => student.studentNumber === null || student.studentNumber === values.studentNumber);
    if (sameName.length > 1) planned.push({ row, cells, outcome: 'skipped', reason: 'ambiguousName', values });
    else if (sameName.length === 1) planned.push({ row, cells, outcome: 'duplicate', values, existing: sameName[0]!, matchedBy: 'name' });
    else planned.push({ row, cells, outcome: 'new', values });
  }
  return planned.sort((a, b) => a.row - b.row);
}

const clip = (text: string) => (text.length > 100 ? `${text.slice(0, 99)}…` : text);

export function summarise(planned: readonly PlannedRow[]): ClassListPlan {
  const skipped: ClassListSkip[] = planned.flatMap((entry) => (entry.outcome === 'skipped' ? [{ row: entry.row, reason: entry.reason }] : []));
  const previewRows: ClassListPreviewRow[] = planned.filter((entry) => entry.cells.length > 0).slice(0, CLASS_LIST_LIMITS.previewRows).map((entry) => ({
    row: entry.row,
    cells: entry.cells.map(clip),
    outcome: entry.outcome,
    reason: entry.outcome === 'skipped' ? entry.reason : null,
    matchedBy: entry.outcome === 'duplicate' ? entry.matchedBy : null,
    displayName: clip(entry.values?.displayName ?? ''),
    studentNumber: entry.values?.studentNumber ? clip(entry.values.studentNumber) : null,
    cohort: clip(entry.values?.cohort ?? ''),
    schoolType: entry.values?.schoolType ?? 'havo',
  }));
  return {
    counts: {
      rows: planned.length,
      new: planned.filter((entry) => entry.outcome === 'new').length,
      duplicates: planned.filter((entry) => entry.outcome === 'duplicate').length,
      skipped: skipped.length,
    },
    previewRows,
    skipped: skipped.slice(0, CLASS_LIST_LIMITS.listedSkips),
  };
}
