import type { BackendOptions } from '../../../electron/core/backend';
import { handlers } from '../../../electron/core/handlers';
import { AppError } from '../../../shared/errors';

/** Loaded by the backend host (from sources only): adding a student fails as on a full disk. */
const hooks: Partial<BackendOptions> = {
  handlerTable: { ...handlers, 'students:create': () => { throw new AppError('DISK_FULL'); } },
};
export default hooks;
