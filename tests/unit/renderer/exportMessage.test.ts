import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { exportMessage, folderName, syncServiceOf } from '../../../renderer/src/features/export/ExportResultToast';

const t = ((key: string, params?: Record<string, string>) => `${key}${params ? JSON.stringify(params) : ''}`) as unknown as TFunction;

describe('exportMessage', () => {
  it('names the file and its folder (not the whole path), and that a synced folder has it outside the computer too', () => {
    expect(exportMessage(t, { saved: true, fileName: 'a.docx', location: '/media/usb' }))
      .toBe('exporting.saved{"fileName":"a.docx","folder":"usb"}');
    // The sync service is found anywhere on the path, though only the last folder is shown.
    expect(exportMessage(t, { saved: true, fileName: 'a.docx', location: 'C:\\Users\\mentor\\OneDrive - Het Baken\\Documenten' }))
      .toBe('exporting.saved{"fileName":"a.docx","folder":"Documenten"} exporting.syncedLocation{"service":"OneDrive"}');
    expect(exportMessage(t, { saved: false, fileName: 'a.docx', location: null })).toBe('exporting.cancelled');
  });

  it.each([
    ['/home/mentor/Documenten/', 'Documenten'],
    ['E:\\Export\\klas 4B', 'klas 4B'],
    ['D:\\', 'D:'],
    ['/', '/'],
  ])('folderName(%s) is %s', (location, folder) => {
    expect(folderName(location)).toBe(folder);
  });

  it.each([
    ['C:\\Users\\mentor\\OneDrive\\Documenten', 'OneDrive'],
    ['/Users/mentor/Library/CloudStorage/OneDrive-Personal/Export', 'OneDrive'],
    ['/home/mentor/Dropbox/school', 'Dropbox'],
    ['G:\\Mijn Drive\\export', 'Google Drive'],
    ['/Users/mentor/Library/CloudStorage/GoogleDrive-mentor@school.nl/My Drive', 'Google Drive'],
    ['/Users/mentor/Library/Mobile Documents/com~apple~CloudDocs', 'iCloud'],
    ['/home/mentor/Documenten', null],
    ['/media/usb/OneDriveBackupNiet', null],
    ['D:\\Export', null],
  ])('%s → %s', (location, service) => {
    expect(syncServiceOf(location)).toBe(service);
  });
});
