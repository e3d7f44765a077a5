import type { Db } from './db/connection';
import { SettingsRepository } from './repositories/settingsRepository';
import { StudentRepository } from './repositories/studentRepository';

/** The repositories of one open vault; made on unlock, dropped on lock. */
export class Services {
  readonly students: StudentRepository;
  readonly settings: SettingsRepository;

  constructor(readonly db: Db) {
    this.students = new StudentRepository(db);
    this.settings = new SettingsRepository(db);
  }
}
