import { describe, expect, it } from 'vitest';
import { createFolderDialogPicker, type OpenDialogOptionsLike } from '../../../../electron/main/folderDialogPicker';

function fakeDialog(answer: { canceled: boolean; filePaths: string[] }) {
  const calls: { window: unknown; options: OpenDialogOptionsLike }[] = [];
  const dialog = {
    showOpenDialog: async (a: unknown, b?: OpenDialogOptionsLike) => {
      calls.push(b ? { window: a, options: b } : { window: null, options: a as OpenDialogOptionsLike });
      return answer;
    },
  };
  return { dialog, calls };
}

describe('folder dialog picker', () => {
  it('asks for a folder (one that may be made), modal to the window, and returns it', async () => {
    const { dialog, calls } = fakeDialog({ canceled: false, filePaths: ['/media/usb/backups'] });
    const picker = createFolderDialogPicker(dialog, () => 'main-window');
    expect(await picker.chooseFolder()).toBe('/media/usb/backups');
    expect(calls[0]).toEqual({ window: 'main-window', options: { properties: ['openDirectory', 'createDirectory'] } });
  });

  it('returns null when cancelled, and works without a window', async () => {
    const { dialog, calls } = fakeDialog({ canceled: true, filePaths: [] });
    expect(await createFolderDialogPicker(dialog, () => null).chooseFolder()).toBeNull();
    expect(calls[0]?.window).toBeNull();
  });
});
