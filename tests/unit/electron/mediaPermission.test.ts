import { describe, expect, it } from 'vitest';
import { allowPermissionCheck, allowPermissionRequest } from '../../../electron/main/mediaPermission';
import { hardenSession } from '../../../electron/main/session';

const APP = 'app://app/index.html';

describe('media permission (issue 17)', () => {
  it('grants the microphone to the app page in its top frame', () => {
    expect(allowPermissionRequest('media', { requestingUrl: APP, isMainFrame: true, mediaTypes: ['audio'] }, APP)).toBe(true);
    expect(allowPermissionCheck('media', 'app://app', { mediaType: 'audio', securityOrigin: 'app://app', requestingUrl: APP, isMainFrame: true })).toBe(true);
  });

  it('denies the camera, screen capture, and audio asked together with video', () => {
    expect(allowPermissionRequest('media', { requestingUrl: APP, mediaTypes: ['video'] }, APP)).toBe(false);
    expect(allowPermissionRequest('media', { requestingUrl: APP, mediaTypes: ['audio', 'video'] }, APP)).toBe(false);
    // Chromium could not tell what is asked: no.
    expect(allowPermissionRequest('media', { requestingUrl: APP, mediaTypes: [] }, APP)).toBe(false);
    expect(allowPermissionRequest('media', { requestingUrl: APP }, APP)).toBe(false);
    expect(allowPermissionRequest('display-capture', { requestingUrl: APP }, APP)).toBe(false);
    expect(allowPermissionCheck('media', 'app://app', { mediaType: 'video', securityOrigin: 'app://app' })).toBe(false);
    expect(allowPermissionCheck('media', 'app://app', { mediaType: 'unknown', securityOrigin: 'app://app' })).toBe(false);
  });

  it('denies every other permission, even to the app page', () => {
    for (const permission of ['notifications', 'geolocation', 'midi', 'midiSysex', 'clipboard-read', 'pointerLock', 'fullscreen', 'openExternal',
      'window-management', 'idle-detection', 'hid', 'serial', 'usb', 'speaker-selection', 'mediaKeySystem', 'storage-access']) {
      expect(allowPermissionRequest(permission, { requestingUrl: APP, mediaTypes: ['audio'] }, APP)).toBe(false);
      expect(allowPermissionCheck(permission, 'app://app', { mediaType: 'audio', securityOrigin: 'app://app' })).toBe(false);
    }
  });

  it('denies the microphone to any other origin, a subframe, or a page that navigated away', () => {
    for (const url of ['https://example.com/', 'file:///tmp/x.html', 'app://evil/index.html', 'app://app:8080/', 'http://127.0.0.1/', 'devtools://devtools/']) {
      expect(allowPermissionRequest('media', { requestingUrl: url, mediaTypes: ['audio'] }, APP)).toBe(false);
      expect(allowPermissionRequest('media', { requestingUrl: APP, mediaTypes: ['audio'] }, url)).toBe(false);
      expect(allowPermissionCheck('media', url, { mediaType: 'audio', securityOrigin: url })).toBe(false);
    }
    expect(allowPermissionRequest('media', { requestingUrl: APP, isMainFrame: false, mediaTypes: ['audio'] }, APP)).toBe(false);
    expect(allowPermissionCheck('media', 'app://app', { mediaType: 'audio', securityOrigin: 'app://app', isMainFrame: false })).toBe(false);
    expect(allowPermissionRequest('media', null, APP)).toBe(false);
    expect(allowPermissionCheck('media', 'app://app', null)).toBe(false);
  });

  it('is what the hardened session answers', () => {
    const handlers: { request?: (...args: unknown[]) => void; check?: (...args: unknown[]) => boolean; device?: () => boolean } = {};
    const session = {
      setPermissionRequestHandler: (handler: (...args: unknown[]) => void) => (handlers.request = handler),
      setPermissionCheckHandler: (handler: (...args: unknown[]) => boolean) => (handlers.check = handler),
      setDevicePermissionHandler: (handler: () => boolean) => (handlers.device = handler),
      on: () => undefined,
      webRequest: { onBeforeRequest: () => undefined, onHeadersReceived: () => undefined },
    };
    hardenSession(session as never);
    const ask = (permission: string, details: unknown, url: string) => {
      const answers: boolean[] = [];
      handlers.request!({ getURL: () => url }, permission, (granted: boolean) => answers.push(granted), details);
      return answers;
    };
    expect(ask('media', { requestingUrl: APP, isMainFrame: true, mediaTypes: ['audio'] }, APP)).toEqual([true]);
    expect(ask('media', { requestingUrl: APP, isMainFrame: true, mediaTypes: ['video'] }, APP)).toEqual([false]);
    expect(ask('notifications', { requestingUrl: APP, isMainFrame: true }, APP)).toEqual([false]);
    expect(ask('media', { requestingUrl: APP, mediaTypes: ['audio'] }, 'https://example.com/')).toEqual([false]);
    // Contents whose URL cannot be read (destroyed) are denied.
    const answers: boolean[] = [];
    handlers.request!({ getURL: () => { throw new Error('destroyed'); } }, 'media', (granted: boolean) => answers.push(granted), { requestingUrl: APP, mediaTypes: ['audio'] });
    expect(answers).toEqual([false]);
    expect(handlers.check!({}, 'media', 'app://app', { mediaType: 'audio', securityOrigin: 'app://app', requestingUrl: APP })).toBe(true);
    expect(handlers.check!({}, 'media', 'app://app', { mediaType: 'video', securityOrigin: 'app://app' })).toBe(false);
    expect(handlers.check!({}, 'notifications', 'app://app', {})).toBe(false);
    expect(handlers.device!()).toBe(false);
  });
});
