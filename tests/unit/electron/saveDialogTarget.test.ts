import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { type SaveDialogOptionsLike, createSaveDialogTarget } from '../../../electron/main/saveDialogTarget';

interface FakeWindow { id: number }

function fakeDialog(answer: { canceled: boolean; filePath?: string }) {
  const calls: { window: FakeWindow | undefined; options: SaveDialogOptionsLike }[] = [];
  const dialog = {
    showSaveDialog: vi.fn(async (first: FakeWindow | SaveDialogOptionsLike, second?: SaveDialogOptionsLike) => {
      if (second) calls.push({ window: first as FakeWindow, options: second });
      else calls.push({ window: undefined, options: first as SaveDialogOptionsLike });
      return answer;
    }),
  };
  return { dialog, calls };
}

const DOCUMENTS = join('/home', 'mentor', 'Documenten');
const fakeApp = (paths: Partial<Record<'documents' | 'home', string>> = { documents: DOCUMENTS }) => ({
  getPath: vi.fn((name: 'documents' | 'home') => {
    const path = paths[name];
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  }),
});

describe('createSaveDialogTarget', () => {
  it('opens a Word save dialog on the focused window, in Documents with the suggested name', async () => {
    const { dialog, calls } = fakeDialog({ canceled: false, filePath: '/media/usb/Noor.docx' });
    const window = { id: 7 };
    const target = createSaveDialogTarget(dialog, fakeApp(), () => window);
    expect(await target.choose('Noor-el-Amrani-portfolio.docx')).toBe('/media/usb/Noor.docx');
    expect(calls).toEqual([{
      window,
      options: {
        defaultPath: join(DOCUMENTS, 'Noor-el-Amrani-portfolio.docx'),
        filters: [{ name: 'Word (.docx)', extensions: ['docx'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
      },
    }]);
  });

  it('is a free-standing dialog when no window is there to attach to', async () => {
    const { dialog, calls } = fakeDialog({ canceled: false, filePath: '/tmp/a.docx' });
    await createSaveDialogTarget(dialog, fakeApp(), () => null).choose('a.docx');
    expect(calls[0]!.window).toBeUndefined();
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: join(DOCUMENTS, 'a.docx') }));
  });

  it.each([
    [{ canceled: true, filePath: '' }],
    [{ canceled: true, filePath: '/tmp/a.docx' }],
    [{ canceled: false, filePath: '' }],
    [{ canceled: false }],
  ])('returns null for a cancelled dialog (%j)', async (answer) => {
    const { dialog } = fakeDialog(answer);
    expect(await createSaveDialogTarget(dialog, fakeApp(), () => ({ id: 1 })).choose('a.docx')).toBeNull();
  });

  it('falls back to the home folder, then to the bare name, when the OS has no Documents folder', async () => {
    const { dialog, calls } = fakeDialog({ canceled: true });
    await createSaveDialogTarget(dialog, fakeApp({ home: '/home/mentor' }), () => null).choose('a.docx');
    await createSaveDialogTarget(dialog, fakeApp({}), () => null).choose('b.docx');
    expect(calls.map((call) => call.options.defaultPath)).toEqual([join('/home/mentor', 'a.docx'), 'b.docx']);
  });

  it('asks for the window at the moment of the export, not when it was made', async () => {
    const { dialog, calls } = fakeDialog({ canceled: true });
    let current: FakeWindow | null = null;
    const target = createSaveDialogTarget(dialog, fakeApp(), () => current);
    current = { id: 2 };
    await target.choose('a.docx');
    expect(calls[0]!.window).toEqual({ id: 2 });
  });
});
