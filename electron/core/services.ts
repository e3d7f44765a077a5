import type { Db } from './db/connection';
import { ActionRepository } from './repositories/actionRepository';
import { AmendmentRepository } from './repositories/amendmentRepository';
import { AnnotationRepository } from './repositories/annotationRepository';
import { CodeRepository } from './repositories/codeRepository';
import { DialogueRepository } from './repositories/dialogueRepository';
import { PlacementRepository } from './repositories/placementRepository';
import { SettingsRepository } from './repositories/settingsRepository';
import { StudentRepository } from './repositories/studentRepository';
import { TemplateRepository } from './repositories/templateRepository';

/** The repositories of one open vault; made on unlock, dropped on lock. */
export class Services {
  readonly students: StudentRepository;
  readonly settings: SettingsRepository;
  readonly placements: PlacementRepository;
  readonly templates: TemplateRepository;
  readonly dialogues: DialogueRepository;
  readonly annotations: AnnotationRepository;
  readonly codes: CodeRepository;
  readonly actions: ActionRepository;
  readonly amendments: AmendmentRepository;

  constructor(readonly db: Db) {
    this.students = new StudentRepository(db);
    this.settings = new SettingsRepository(db);
    this.placements = new PlacementRepository(db);
    this.templates = new TemplateRepository(db);
    this.dialogues = new DialogueRepository(db);
    this.annotations = new AnnotationRepository(db);
    this.codes = new CodeRepository(db);
    this.actions = new ActionRepository(db);
    this.amendments = new AmendmentRepository(db);
  }
}
