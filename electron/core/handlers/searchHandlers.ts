import { rebuildSearchIndexInWorker } from '../search/rebuildInWorker';
import { searchAll, searchTags } from '../search/searchService';
import type { HandlerGroup } from './context';

export const searchHandlers: HandlerGroup<'search'> = {
  'search:query': (request, ctx) => searchAll(ctx.services().db, request),
  // In a worker with its own connection: at school scale the rebuild takes most of a minute.
  'search:rebuild': async (_request, ctx) => {
    ctx.services();
    return { indexed: await rebuildSearchIndexInWorker(ctx.vault, ctx.nativeBinding) };
  },
  'search:tags': (request, ctx) => {
    const services = ctx.services();
    services.codes.get(request.codeId);
    return searchTags(services.db, request);
  },
};
