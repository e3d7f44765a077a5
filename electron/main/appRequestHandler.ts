import { readFile, stat } from 'node:fs/promises';
import { appResponseHeaders, resolveAppAsset } from './policy';

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: appResponseHeaders('404.txt') });
}

/**
 * The app:// handler, free of Electron so it is tested with real files. Files are read
 * directly rather than through net.fetch(file://): the hardened session cancels every file:
 * request, and that is how it should stay.
 */
export function createAppRequestHandler(rendererRoot: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET') return new Response(null, { status: 405, headers: appResponseHeaders('405.txt') });
    const filePath = resolveAppAsset(rendererRoot, request.url);
    if (!filePath) return notFound();
    try {
      if (!(await stat(filePath)).isFile()) return notFound();
      const body = await readFile(filePath);
      return new Response(body, { status: 200, headers: appResponseHeaders(filePath) });
    } catch {
      return notFound();
    }
  };
}
