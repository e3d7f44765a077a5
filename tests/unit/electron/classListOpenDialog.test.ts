import { describe, expect, it } from 'vitest';
import { createOpenFileDialogPicker, type OpenFileDialogOptionsLike } from '../../../electron/main/openFileDialogPicker';

describe('the open dialog for a class list', () => {
  it('offers CSV and Excel files only, keeps the file out of recent files, and answers null when cancelled', async () => {
    const seen: OpenFileDialogOptionsLike[] = [];
    let answer = { canceled: false, filePaths: ['/home/mentor/Downloads/leerlingen 4H2.csv'] };
    const dialog = {
      showOpenDialog: async (...args: unknown[]) => {
        seen.push(args[args.length - 1] as OpenFileDialogOptionsLike);
        return answer;
      },
    };
    const picker = createOpenFileDialogPicker(dialog as never, () => null);
    expect(await picker.choose('classList')).toBe('/home/mentor/Downloads/leerlingen 4H2.csv');
    expect(seen[0]!.filters).toEqual([{ name: 'Klassenlijst (.csv, .xlsx)', extensions: ['csv', 'xlsx', 'txt'] }]);
    expect(seen[0]!.properties).toEqual(['openFile', 'dontAddToRecent']);
    answer = { canceled: true, filePaths: [] };
    expect(await picker.choose('classList')).toBeNull();
  });
});
