// Errors cross the IPC boundary as values: a stable code plus optional parameters.
// The renderer turns the code into a translated sentence (i18n key `errors.<code>`).

export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'VAULT_EXISTS',
  'VAULT_MISSING',
  'VAULT_LOCKED',
  'VAULT_UNLOCKED',
  'WRONG_PASSPHRASE',
  'WRONG_RECOVERY_KEY',
  'UNLOCK_THROTTLED',
  'WEAK_PASSPHRASE',
  'KEYFILE_DAMAGED',
  'VAULT_DAMAGED',
  'VAULT_FOREIGN',
  'VAULT_TOO_NEW',
  'DATA_DIR_NOT_WRITABLE',
  'DISK_FULL',
  'VAULT_BUSY',
  'NOT_FOUND',
  'DEVICE_UNLOCK_UNAVAILABLE',
  'CONFLICT',
  'READ_ONLY',
  'UNSUPPORTED_FILE',
  'EMPTY_FILE',
  'FILE_TOO_LARGE',
  'FILE_UNREADABLE',
  'NO_TURNS',
  'FILE_UNPACKED_TOO_LARGE',
  'TOO_MANY_LINES',
  'LINE_TOO_LONG',
  'FILE_TOO_COMPLEX',
  'FILE_TIMEOUT',
  'FILE_PROTECTED',
  'FILE_OLD_WORD',
  'CODE_IN_FINAL_DIALOGUE',
  'EXPORT_TARGET_NOT_WRITABLE',
  'EXPORT_TARGET_MISSING',
  'FILE_IN_USE',
  'LOGO_INVALID',
  'LOGO_TOO_LARGE',
  'BACKUP_FOLDER_UNSET',
  'BACKUP_FOLDER_MISSING',
  'BACKUP_DAMAGED',
  'BACKUP_FOREIGN',
  'BACKUP_VERIFY_FAILED',
  'BACKUP_FILE_NOT_CHOSEN',
  'BACKUP_WRONG_PASSPHRASE',
  'BACKUP_WRONG_RECOVERY_KEY',
  'BACKUP_NEEDS_OLDER_SECRET',
  'RESTORE_REPLACE_UNCONFIRMED',
  'HANDOVER_DAMAGED',
  'WRONG_TRANSFER_PASSPHRASE',
  'HANDOVER_TOO_LARGE',
  'HANDOVER_TOO_MANY_ITEMS',
  'HANDOVER_TEXT_TOO_LONG',
  'HANDOVER_DUPLICATE_IDS',
  'HANDOVER_EXPIRED',
  'HANDOVER_CHANGED',
  'CONFIRMATION_MISMATCH',
  'POLICY_LOCKED',
  'CONSENT_REQUIRED',
  'RECORDING_NOT_OPEN',
  'RECORDING_CHUNK_OUT_OF_ORDER',
  'RECORDING_TOO_LARGE',
  'MODEL_NOT_A_MODEL',
  'MODEL_TRUNCATED',
  'MODEL_TOO_LARGE_FOR_MEMORY',
  'MODEL_NOT_CONFIRMED',
  'MODEL_NONE',
  'AUDIO_UNSUPPORTED',
  'AUDIO_TOO_LARGE',
  'AUDIO_TOO_LONG',
  'AUDIO_UNDECODABLE',
  'NO_SPEECH',
  'TRANSCRIPTION_TIMEOUT',
  'TRANSCRIPTION_CANCELLED',
  'TRANSCRIPTION_FAILED',
  'TRANSCRIPTION_NOT_FOUND',
  /** files:open/show with a token main did not issue in this vault session. */
  'FILE_NOT_EXPORTED',
  /** The exported file is gone (moved, deleted, USB stick out) or the OS has no app for it. */
  'FILE_OPEN_FAILED',
  'TRANSCRIPTION_CRASHED',
  'TRANSCRIPTION_OUT_OF_MEMORY',
  /** Speaker separation (issue 17): the picked file is not ONNX, lacks a key sherpa-onnx needs, keeps its weights elsewhere, or is neither model. */
  'SPEAKER_MODEL_INVALID',
  'SPEAKER_MODEL_METADATA',
  'SPEAKER_MODEL_EXTERNAL_DATA',
  'SPEAKER_MODEL_UNKNOWN_KIND',
  'STUDENT_NUMBER_TAKEN',
  'CLASS_LIST_UNSUPPORTED',
  'CLASS_LIST_EMPTY',
  'CLASS_LIST_TOO_LARGE',
  'CLASS_LIST_UNREADABLE',
  'CLASS_LIST_UNPACKED_TOO_LARGE',
  'CLASS_LIST_PROTECTED',
  'CLASS_LIST_OLD_EXCEL',
  'CLASS_LIST_NO_ROWS',
  'CLASS_LIST_TOO_MANY_ROWS',
  'CLASS_LIST_TOO_MANY_COLUMNS',
  'CLASS_LIST_MIXED_DELIMITERS',
  'CLASS_LIST_NO_NAME_COLUMN',
  'CLASS_LIST_EXPIRED',
  'CLASS_LIST_NOT_CHOSEN',
  'HOST_DOWN',
  'HOST_TIMEOUT',
  'REFI_FILE_TOO_LARGE',
  'REFI_NOT_A_PROJECT',
  'REFI_NO_PROJECT_FILE',
  'REFI_UNPACKED_TOO_LARGE',
  'REFI_DTD',
  'REFI_XML_INVALID',
  'REFI_TOO_MANY',
  'REFI_NOTHING_TO_IMPORT',
  'IMPORT_EXPIRED',
  'PACK_TOO_LARGE',
  'PACK_INVALID',
  'PACK_TOO_NEW',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorParams = Record<string, string | number>;

export interface ErrorPayload {
  code: ErrorCode;
  params?: ErrorParams;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams | undefined;

  constructor(code: ErrorCode, params?: ErrorParams, options?: { cause?: unknown }) {
    // The message is for logs only and never carries user content.
    super(code, options);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }

  toPayload(): ErrorPayload {
    return this.params ? { code: this.code, params: this.params } : { code: this.code };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
