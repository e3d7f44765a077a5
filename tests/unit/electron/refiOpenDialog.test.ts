import { describe, expect, it } from 'vitest';
import { createOpenFileDialogPicker, type OpenFileDialogOptionsLike } from '../../../electron/main/openFileDialogPicker';

describe('the open dialog for a REFI-QDA file and a pack', () => {
  it('offers .qdpx/.qdc (and a bare .qde) for REFI-QDA and .lbdpack for a pack, never in recent files', async () => {
    const seen: OpenFileDialogOptionsLike[] = [];
    const dialog = {
      showOpenDialog: async (...args: unknown[]) => {
        seen.push(args[args.length - 1] as OpenFileDialogOptionsLike);
        return { canceled: false, filePaths: ['/home/mentor/Onderzoek.qdpx'] };
      },
    };
    const picker = createOpenFileDialogPicker(dialog as never, () => null);
    expect(await picker.choose('qdpx')).toBe('/home/mentor/Onderzoek.qdpx');
    await picker.choose('lbdpack');
    expect(seen.map((options) => options.filters.flatMap((filter) => filter.extensions))).toEqual([['qdpx', 'qdc', 'qde'], ['lbdpack']]);
    expect(seen.every((options) => options.properties.includes('dontAddToRecent'))).toBe(true);
    // A kind this side does not know (it arrives by message from the host) opens nothing.
    expect(await picker.choose('exe' as never)).toBeNull();
    expect(seen).toHaveLength(2);
  });
});
