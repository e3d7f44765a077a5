import type { BackendOptions } from '../../../electron/core/backend';
import { handlers } from '../../../electron/core/handlers';
import { AppError } from '../../../shared/errors';

/** Loaded by the backend host (from sources only): adding a code fails as on a full disk. */
const hooks: Partial<BackendOptions> = {
  handlerTable: { ...handlers, 'codes:create': () => { throw new AppError('DISK_FULL'); } },
};
export default hooks;
