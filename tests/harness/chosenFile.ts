import type { OpenFilePicker } from '../../electron/core/backup/openFilePicker';

/**
 * The harness's stand-in for the open dialog: answers with whatever file the test "clicks" in
 * it (`choose(path)`), or as cancelled (null). It records each kind it was asked for.
 */
export function chosenFilePicker(initial: string | null = null): OpenFilePicker & { select(path: string | null): void; asked: string[] } {
  let next = initial;
  const asked: string[] = [];
  return {
    asked,
    select(path) {
      next = path;
    },
    async choose(kind) {
      asked.push(kind);
      return next;
    },
  };
}
