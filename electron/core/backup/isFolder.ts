import { promises as fsp } from 'node:fs';

/** Whether `path` is a reachable folder (a backup folder on a pulled USB stick is not). */
export async function isFolder(path: string): Promise<boolean> {
  return fsp.stat(path).then((stat) => stat.isDirectory(), () => false);
}
