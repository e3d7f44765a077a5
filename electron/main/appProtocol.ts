import { protocol } from 'electron';
import { join } from 'node:path';
import { createAppRequestHandler } from './appRequestHandler';
import { APP_SCHEME } from './policy';

/**
 * Must run before `ready`. Standard + secure gives the page a real origin (app://app) and a
 * secure context; no fetch/CORS privileges because the page never fetches anything.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false },
    },
  ]);
}

/** Serves the built renderer: main.cjs lives in dist/electron, the renderer in dist/renderer. */
export function handleAppProtocol(rendererRoot: string = join(__dirname, '../renderer')): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererRoot));
}
