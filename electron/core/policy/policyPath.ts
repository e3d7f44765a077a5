import { posix, win32 } from 'node:path';

/**
 * Where a school puts its policy file: the machine-wide, administrator-writable place of each
 * OS, the same for every user of the computer (docs/adr/0012-school-policy-file.md).
 */
export const POLICY_FILE = 'policy.json';

export function machinePolicyPath(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string | null {
  switch (platform) {
    case 'win32':
      // %ProgramData% is C:\ProgramData on every Windows since Vista; the variable is read in case it moved.
      return win32.join(env.ProgramData || env.PROGRAMDATA || 'C:\\ProgramData', 'Loopbaandialoog', POLICY_FILE);
    case 'darwin':
      return posix.join('/Library/Application Support/Loopbaandialoog', POLICY_FILE);
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return posix.join('/etc/loopbaandialoog', POLICY_FILE);
    default:
      return null;
  }
}

