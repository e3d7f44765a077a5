import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const repoRoot = join(__dirname, '../../..');
const configPath = join(repoRoot, 'electron-builder.yml');

describe('electron-builder.yml', () => {
  const config = load(readFileSync(configPath, 'utf8')) as Record<string, unknown>;

  it('flips every security fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships only the bundles, in an asar, with native addons unpacked', () => {
    expect(config.appId).toBe('nl.loopbaandialoog.app');
    expect(config.productName).toBe('Loopbaandialoog');
    expect(config.files).toEqual(['dist/**', 'package.json']);
    expect(config.asar).toBe(true);
    // Native addons, and sherpa-onnx's shared libraries (onnxruntime), which its addon loads from beside it.
    expect(config.asarUnpack).toEqual(['**/*.node', 'node_modules/sherpa-onnx-*/**']);
    expect(config.npmRebuild).toBe(true);
    expect(config.directories).toEqual({ output: 'release', buildResources: 'resources' });
  });

  it('builds installers for all three platforms', () => {
    const targets = (key: string) => (config[key] as { target: string[] }).target;
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('mac')).toEqual(['dmg']);
  });

  it('asks macOS for the microphone in Dutch, with the audio-input entitlement and no camera (issue 17)', () => {
    const mac = config.mac as { extendInfo: Record<string, string>; entitlements: string; entitlementsInherit: string; hardenedRuntime: boolean };
    expect(mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/microfoon/);
    expect(mac.extendInfo).not.toHaveProperty('NSCameraUsageDescription');
    expect(mac.hardenedRuntime).toBe(true);
    for (const path of [mac.entitlements, mac.entitlementsInherit]) {
      const plist = readFileSync(join(repoRoot, path), 'utf8');
      expect(plist).toContain('<key>com.apple.security.device.audio-input</key>');
      expect(plist).not.toContain('com.apple.security.device.camera');
    }
  });

  // The schema rejects unknown keys, so a misspelt fuse would fail here rather than be ignored.
  it("passes electron-builder's own schema validation", async () => {
    const loaded = await getConfig(repoRoot, configPath, null);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
  });
});
