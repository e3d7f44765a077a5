import { AppError } from '../../../shared/errors';
import type { BackupService } from '../backup/backupService';
import type { HandlerContext, HandlerGroup } from './context';

function service(ctx: HandlerContext): BackupService {
  // Every Backend builds one; only a hand-made test context can lack it.
  if (!ctx.backups) throw new AppError('INTERNAL');
  return ctx.backups;
}

export const backupHandlers: HandlerGroup<'backups'> = {
  'backups:getSettings': (_request, ctx) => service(ctx).settings(),
  'backups:chooseFolder': (_request, ctx) => service(ctx).chooseFolder(),
  'backups:updateSettings': (request, ctx) => service(ctx).updateSettings(request),
  'backups:run': (_request, ctx) => service(ctx).run(),
  'backups:list': (_request, ctx) => service(ctx).list(),
  'backups:restore': (request, ctx) => service(ctx).restore(request.fileName),
  'backups:undoRestore': (request, ctx) => service(ctx).undoRestore(request.setAside),
  'backups:listSetAside': (_request, ctx) => service(ctx).listSetAside(),
  'backups:deleteSetAside': (request, ctx) => service(ctx).deleteSetAside(request.setAside),
};
