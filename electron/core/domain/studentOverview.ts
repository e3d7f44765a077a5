import type { StudentOverview } from '../../../shared/dialogueSchemas';
import { COMPETENCES, DILEMMA_TYPES, type Language } from '../../../shared/domain';
import type { Services } from '../services';
import { dialogueSummaries } from './dialogueView';

/** One student's development at a glance; every key is present, so a chart never has gaps. */
export function studentOverview(services: Services, studentId: string, language: Language): StudentOverview {
  services.students.get(studentId);
  const byDilemma = services.annotations.boundaryByDilemma(studentId);
  const byCode = services.annotations.passagesByBuiltinCode(studentId);
  return {
    dialogues: dialogueSummaries(services, studentId, language),
    openActions: services.actions.list(studentId, false),
    boundaryByDilemma: Object.fromEntries([...DILEMMA_TYPES, 'none'].map((key) => [key, byDilemma.get(key) ?? 0])) as StudentOverview['boundaryByDilemma'],
    passagesByCompetence: Object.fromEntries(COMPETENCES.map((key) => [key, byCode.get(`competence:${key}`) ?? 0])) as StudentOverview['passagesByCompetence'],
  };
}
