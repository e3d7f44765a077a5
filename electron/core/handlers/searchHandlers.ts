import { rebuildSearchIndex } from '../search/searchIndex';
import { searchAll, searchTags } from '../search/searchService';
import type { HandlerGroup } from './context';

export const searchHandlers: HandlerGroup<'search'> = {
  'search:query': (request, ctx) => searchAll(ctx.services().db, request),
  'search:rebuild': (_request, ctx) => {
    return { indexed: rebuildSearchIndex(ctx.services().db) };
  },
  'search:tags': (request, ctx) => {
    const services = ctx.services();
    services.codes.get(request.codeId);
    return searchTags(services.db, request);
  },
};
