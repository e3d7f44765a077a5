import { z } from 'zod';
import { LANGUAGES } from './domain';
import {
  Action, ActionFields, ActionOwner, AnnotationAttributes, Annotation, Amendment, Code, Dialogue, DialogueDetails, DialogueSummary,
  HexColor, MAX_TRANSCRIPT_BYTES, ParsedTranscript, Placement, PlacementFields, Pseudonym, StudentOverview,
  TemplateDraft, TemplateVersion,
} from './dialogueSchemas';
import { DialogueDocSchema } from './editorDoc';
import { DocPatchSchema } from './docPatch';
import { ClassListImportRequest, ClassListImportResult, ClassListPlan, ClassListPlanRequest, ClassListPreview, ClassListSheetRequest, DialogueLogRequest } from './classListSchemas';
import {
  AppendChunkRequest, AppendChunkResult, Consent, ConsentFields, Recording, RecordingAudio, RecordingMime,
} from './recordingSchemas';
import { QuickFindRequest, QuickFindResult } from './quickFindSchemas';
import { TodayOverview, TodayRequest } from './todaySchemas';
import { FirstRunDismissRequest, FirstRunStatus, SaveRecoveryKeyRequest } from './firstRunSchemas';
import {
  AuditEntry, BackupRun, BackupSettings, BackupStatus, ErasureRequest, ErasureResult, HandoverExportRequest, RestoreResult, RetentionItem,
} from './safetySchemas';
import { HandoverImportRequest, HandoverImportResult, HandoverInspection, HandoverInspectRequest } from './handoverSchemas';
import {
  ListedBackup, PickedBackup, RestoreFromBackupRequest, RestoreFromBackupResult, RotateKeyResult, SetAsideCopy, UndoRestoreResult,
} from './restoreSchemas';
import {
  GroupFilter, GroupRow, SearchRequest, SearchResult, TagHit, TagSearchRequest, TimelinePeriod,
} from './searchSchemas';
import { RefiImportRequest, RefiImportResult, RefiPicked } from './exchangeSchemas';
import { PackImportResult, PackPicked } from './packSchemas';
import { PolicyView } from './policySchemas';
import {
  AudioPicked, ModelEntry, ModelId, ModelList, PcmChunk, SpeakerModelEntry, SpeakerModelKind, SpeakerModelStatus, TranscriptionResult, TranscriptionStart,
} from './transcriptionSchemas';
import { DialogueExportOptions, ExportResult, Logo, MAX_LOGO_BYTES, OpenToken, PortfolioExportOptions, PortfolioPreview, PortfolioPreviewRequest } from './exportSchemas';
import {
  Id, IsoDate, Passphrase, RecoveryKeyText, Settings, Student, StudentFields, VaultStatus,
} from './schemas';

const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

/**
 * The one IPC contract: channel → request schema → response schema.
 * Main (and the browser harness) validate every request against it; the preload and the
 * harness build `window.api` from it, so a channel exists on both sides or on neither.
 */
export const contract = {
  'vault:status': { request: empty, response: VaultStatus },
  'vault:create': {
    request: z.object({ passphrase: Passphrase }).strict(),
    response: z.object({ recoveryKey: z.string() }),
  },
  /** `fromCopy`: with the key file's verified copy, offered when `vault.key` is damaged (KEYFILE_DAMAGED, copy: 1). */
  'vault:unlock': { request: z.object({ passphrase: Passphrase, fromCopy: z.boolean().optional() }).strict(), response: ok },
  'vault:unlockWithRecoveryKey': {
    request: z.object({ recoveryKey: RecoveryKeyText, newPassphrase: Passphrase, fromCopy: z.boolean().optional() }).strict(),
    response: ok,
  },
  'vault:unlockWithDevice': { request: empty, response: ok },
  /** Turning device unlock on needs the passphrase (checked under the unlock throttle); off does not. */
  'vault:setDeviceUnlock': {
    request: z.object({ enabled: z.boolean(), passphrase: Passphrase.optional() }).strict()
      .refine((request) => !request.enabled || request.passphrase !== undefined, { path: ['passphrase'], message: 'passphrase required' }),
    response: ok,
  },
  /**
   * Re-wraps the data key; then every backup in the backup folder gets the new passphrase in its
   * header (issue 14). `failed`: backup file names left as they were (they still open with the old one).
   */
  'vault:changePassphrase': {
    request: z.object({ currentPassphrase: Passphrase, newPassphrase: Passphrase }).strict(),
    response: z.object({
      ok: z.literal(true),
      backups: z.object({ rewrapped: z.number().int().nonnegative(), failed: z.array(z.string().max(255)).max(10_000) }),
    }),
  },
  'vault:lock': { request: empty, response: ok },
  /**
   * Asks for a backup file (an open dialog in the app) and reads its header; null when cancelled.
   * With `fileName`, one from the backup folder instead (the vault must be unlocked). Works with
   * no vault at all: this is how a new computer gets its data back.
   */
  'vault:pickBackup': {
    request: z.object({ fileName: z.string().min(1).max(255).optional() }).strict(),
    response: PickedBackup.nullable(),
  },
  /** Verifies the picked backup with its own key, makes it this computer's vault and unlocks it. */
  'vault:restoreFromBackup': { request: RestoreFromBackupRequest, response: RestoreFromBackupResult },
  'session:activity': { request: empty, response: ok },

  'students:list': {
    request: z.object({ includeArchived: z.boolean().default(false) }).strict(),
    response: z.array(Student),
  },
  'students:get': { request: z.object({ id: Id }).strict(), response: Student },
  'students:create': { request: StudentFields.strict(), response: Student },
  'students:update': {
    request: z.object({ id: Id, fields: StudentFields.strict() }).strict(),
    response: Student,
  },
  'students:archive': { request: z.object({ id: Id }).strict(), response: Student },
  'students:restore': { request: z.object({ id: Id }).strict(), response: Student },

  'students:overview': { request: z.object({ id: Id }).strict(), response: StudentOverview },

  'placements:list': { request: z.object({ studentId: Id }).strict(), response: z.array(Placement) },
  'placements:create': { request: PlacementFields.strict(), response: Placement },

  'templates:list': { request: z.object({ includeArchived: z.boolean().default(false) }).strict(), response: z.array(TemplateVersion) },
  'templates:get': { request: z.object({ versionId: Id }).strict(), response: TemplateVersion },
  /** Copies a template's latest version into a new, editable template. */
  'templates:copy': { request: z.object({ templateId: Id }).strict(), response: TemplateVersion },
  /** Saves an edit as a new version; dialogues keep the version they were made with. */
  'templates:saveVersion': { request: TemplateDraft.strict(), response: TemplateVersion },
  'templates:setArchived': { request: z.object({ templateId: Id, archived: z.boolean() }).strict(), response: TemplateVersion },

  'dialogues:list': { request: z.object({ studentId: Id }).strict(), response: z.array(DialogueSummary) },
  'dialogues:create': {
    request: DialogueDetails.extend({ studentId: Id, templateVersionId: Id }).strict(),
    response: Dialogue,
  },
  'dialogues:get': { request: z.object({ id: Id }).strict(), response: Dialogue },
  /** Autosave. `revision` is what the editor last loaded or saved; a mismatch is CONFLICT. */
  'dialogues:save': {
    request: z.object({ id: Id, revision: z.number().int().min(1), content: DialogueDocSchema }).strict(),
    response: z.object({ revision: z.number().int(), wordCount: z.number().int(), savedAt: z.string(), annotations: z.array(Annotation) }),
  },
  /**
   * Autosave of what changed since `revision` (shared/docPatch.ts), answered like a save. A patch
   * that does not fit the stored document is VALIDATION (field `patch`): the editor then saves whole.
   */
  'dialogues:savePatch': {
    request: z.object({ id: Id, revision: z.number().int().min(1), patch: DocPatchSchema }).strict(),
    response: z.object({ revision: z.number().int(), wordCount: z.number().int(), savedAt: z.string(), annotations: z.array(Annotation) }),
  },
  'dialogues:updateDetails': { request: DialogueDetails.extend({ id: Id }).strict(), response: Dialogue },
  'dialogues:finalise': { request: z.object({ id: Id, revision: z.number().int().min(1) }).strict(), response: Dialogue },
  'dialogues:addAmendment': {
    request: z.object({ id: Id, text: z.string().trim().min(1).max(20_000) }).strict(),
    response: Amendment,
  },

  'annotations:create': {
    request: z.object({ dialogueId: Id, codeId: Id, memo: z.string().max(5000).default(''), attributes: AnnotationAttributes.default({}) }).strict(),
    response: Annotation,
  },
  'annotations:update': {
    request: z.object({ id: Id, codeId: Id.optional(), memo: z.string().max(5000).optional(), attributes: AnnotationAttributes.optional() }).strict(),
    response: Annotation,
  },
  'annotations:delete': { request: z.object({ id: Id }).strict(), response: ok },

  'codes:list': { request: empty, response: z.array(Code) },
  'codes:create': {
    request: z.object({ name: z.string().trim().min(1).max(100), color: HexColor, parentId: Id.nullable().default(null) }).strict(),
    response: Code,
  },
  'codes:update': {
    request: z.object({ id: Id, name: z.string().trim().min(1).max(100).optional(), color: HexColor.optional(), parentId: Id.nullable().optional() }).strict(),
    response: Code,
  },
  /** Moves every passage of `sourceId` to `targetId`, then removes the source code. */
  'codes:merge': { request: z.object({ sourceId: Id, targetId: Id }).strict(), response: z.object({ moved: z.number().int() }) },
  'codes:delete': { request: z.object({ id: Id }).strict(), response: z.object({ removedPassages: z.number().int() }) },

  'actions:list': { request: z.object({ studentId: Id, includeDone: z.boolean().default(true) }).strict(), response: z.array(Action) },
  'actions:create': {
    request: ActionFields.extend({ studentId: Id, dialogueId: Id.nullable().default(null), annotationId: Id.nullable().default(null) }).strict(),
    response: Action,
  },
  // Spelled out rather than ActionFields.partial(): the partial keeps dueDate's default, so an
  // update that leaves the due date out would clear it.
  'actions:update': {
    request: z.object({ id: Id, text: ActionFields.shape.text.optional(), owner: ActionOwner.optional(), dueDate: IsoDate.nullable().optional() }).strict(),
    response: Action,
  },
  'actions:setDone': { request: z.object({ id: Id, done: z.boolean() }).strict(), response: Action },
  'actions:delete': { request: z.object({ id: Id }).strict(), response: ok },

  /** Parses a transcript file (bytes as base64) into speaker turns; nothing is stored. */
  'transcripts:parse': {
    request: z.object({
      fileName: z.string().min(1).max(255),
      dataBase64: z.string().max(Math.ceil(MAX_TRANSCRIPT_BYTES / 3) * 4 + 4),
      pseudonyms: z.array(Pseudonym).max(100).default([]),
    }).strict(),
    response: ParsedTranscript,
  },

  /** Asks where to save (a save dialog in the app), then writes the .docx atomically. */
  'export:dialogue': { request: DialogueExportOptions, response: ExportResult },
  'export:portfolio': { request: PortfolioExportOptions, response: ExportResult },
  'export:portfolioPreview': {
    request: PortfolioPreviewRequest,
    response: PortfolioPreview,
  },

  'backups:getSettings': { request: empty, response: BackupSettings },
  /** Asks for a folder (a dialog in the app) and keeps it as the backup folder. */
  'backups:chooseFolder': { request: empty, response: BackupSettings },
  'backups:updateSettings': {
    request: z.object({ keep: z.number().int().min(1).max(365).optional(), automatic: z.boolean().optional() }).strict(),
    response: BackupSettings,
  },
  /** Makes and verifies a backup now; runs off the main thread. */
  'backups:run': { request: empty, response: BackupRun },
  /** Polled by the UI while a backup runs (the contract has requests, not events). */
  /** This vault's backups first, newest first; each says whether it can be restored as it is. */
  'backups:list': { request: empty, response: z.array(ListedBackup) },
  'backups:restore': { request: z.object({ fileName: z.string().min(1).max(255) }).strict(), response: RestoreResult },
  /** Puts back the vault that a restore set aside. */
  'backups:undoRestore': { request: z.object({ setAside: z.string().min(1).max(255) }).strict(), response: UndoRestoreResult },
  /** The set-aside copy of the vault that a restore's undo needs (at most one). */
  'backups:listSetAside': { request: empty, response: z.array(SetAsideCopy) },
  /** Deletes a set-aside copy (overwritten first); the restore can then no longer be undone. */
  'backups:deleteSetAside': { request: z.object({ setAside: z.string().min(1).max(255) }).strict(), response: ok },

  /** Encrypted file with one student's complete data, for another mentor. */
  'handover:export': { request: HandoverExportRequest, response: ExportResult },
  /** Opens a handover file in a limited job and shows it beside the student it would meet here; nothing changes. */
  'handover:inspect': { request: HandoverInspectRequest, response: HandoverInspection },
  /** Acts on exactly what `handover:inspect` showed (by its token); `replace` needs the local name typed. */
  'handover:import': { request: HandoverImportRequest, response: HandoverImportResult },
  /** Readable JSON and a Word document for a student's (or parent's) access request. */
  'access:export': { request: z.object({ studentId: Id }).strict(), response: z.object({ json: ExportResult, word: ExportResult }) },

  'erasure:erase': { request: ErasureRequest, response: ErasureResult },
  'retention:due': { request: empty, response: z.array(RetentionItem) },
  'retention:getYears': { request: empty, response: z.object({ years: z.number().int().min(1).max(20) }) },
  'retention:setYears': { request: z.object({ years: z.number().int().min(1).max(20) }).strict(), response: z.object({ years: z.number().int() }) },

  /** The quick switcher (Ctrl+K): students and dialogues matching a few typed letters. */
  'quickFind:query': { request: QuickFindRequest, response: QuickFindResult },
  /** Agreements due, quiet students and open drafts across all students (the "Vandaag" screen). */
  'today:overview': { request: TodayRequest, response: TodayOverview },
  /** The last verified backup's age and what stands in the way of the next, for the sidebar. */
  'status:backup': { request: empty, response: BackupStatus },
  /** The start checklist: what of the first steps is done (from real state), and the example student. */
  'firstRun:status': { request: empty, response: FirstRunStatus },
  /** Adds the example student (two dialogues, tags, an agreement) in one transaction; CONFLICT when there is one. */
  'firstRun:addExample': { request: empty, response: FirstRunStatus },
  'firstRun:dismiss': { request: FirstRunDismissRequest, response: FirstRunStatus },
  /** Erases the example student the way `erasure:erase` erases a student (no typed name: it is the app's own). */
  'firstRun:removeExample': { request: empty, response: FirstRunStatus },
  /** The new vault's recovery key as a .txt file, through the save dialog (no audit entry: not an export of data). */
  'firstRun:saveRecoveryKey': { request: SaveRecoveryKeyRequest, response: ExportResult },
  'audit:list': { request: z.object({ limit: z.number().int().min(1).max(5000).default(500) }).strict(), response: z.array(AuditEntry) },
  'audit:exportCsv': { request: empty, response: ExportResult },

  /** Re-encrypts the vault with a new data key; needs the passphrase and returns a new recovery key. */
  'vault:rotateKey': { request: z.object({ passphrase: Passphrase }).strict(), response: RotateKeyResult },

  'search:query': { request: SearchRequest, response: SearchResult },
  /** Rebuilds the full-text index from the vault (settings). */
  'search:rebuild': { request: empty, response: z.object({ indexed: z.number().int() }) },
  'search:tags': { request: TagSearchRequest, response: z.array(TagHit) },
  'students:timeline': { request: z.object({ id: Id }).strict(), response: z.array(TimelinePeriod) },
  'groups:overview': { request: GroupFilter, response: z.array(GroupRow) },
  /** One line per dialogue of a group or period, CSV for Dutch Excel or .xlsx; asks where to save. */
  'export:dialogueLog': { request: DialogueLogRequest, response: ExportResult },
  /** Asks for a class list (an open dialog), parses it in a limited job and shows what it would do; null when cancelled. */
  'classList:pick': { request: empty, response: ClassListPreview.nullable() },
  /** What another column mapping would do with the picked list. */
  'classList:plan': { request: ClassListPlanRequest, response: ClassListPlan },
  /** Reads another sheet of the picked workbook (in the same limited job); the mapping starts again from its headers. */
  'classList:sheet': { request: ClassListSheetRequest, response: ClassListPreview },
  /** Imports the picked list in one transaction; nothing before this. */
  'classList:import': { request: ClassListImportRequest, response: ClassListImportResult },
  /** Forgets a picked list (the dialog was closed). */
  'classList:discard': { request: z.object({ token: z.string().min(1).max(64) }).strict(), response: ok },
  'export:groupReport': {
    request: GroupFilter.extend({ includeQuotes: z.boolean().default(false) }).strict(),
    response: ExportResult,
  },

  /** The school's policy in force (read at host start) and what it locks, or why it was not used; works while locked. */
  'policy:get': { request: empty, response: PolicyView },
  'settings:get': { request: empty, response: Settings },
  'settings:getLogo': { request: empty, response: Logo.nullable() },
  /** A PNG or JPEG for document headers; checked by its bytes, not its name. */
  'settings:setLogo': {
    request: z.object({ fileName: z.string().min(1).max(255), dataBase64: z.string().max(Math.ceil(MAX_LOGO_BYTES * 60 / 3) * 4) }).strict(),
    response: Logo,
  },
  'settings:clearLogo': { request: empty, response: ok },
  'settings:update': { request: Settings.partial().strict(), response: Settings },
  'settings:setLanguage': {
    request: z.object({ language: z.enum(LANGUAGES) }).strict(),
    response: ok,
  },

  /**
   * REFI-QDA 1.5 project (.qdpx) of the chosen students (every current student when none are
   * named), for QDA tools; asks where to save. Private sections only when included.
   */
  'exchange:exportQdpx': {
    request: z.object({ studentIds: z.array(Id).min(1).max(10_000).optional(), includePrivate: z.boolean().default(false) }).strict(),
    response: ExportResult,
  },
  /** The codebook as a REFI-QDA .qdc file. */
  'exchange:exportQdc': { request: empty, response: ExportResult },
  /** Asks for a .qdpx or .qdc (open dialog), reads it in a limited job, shows what an import would do; stores nothing. */
  'exchange:pickQdpx': { request: empty, response: RefiPicked },
  /** Imports what `pickQdpx` showed, in one transaction. */
  'exchange:importQdpx': { request: RefiImportRequest, response: RefiImportResult },
  /** The mentor's own templates and the codebook as one .lbdpack file. */
  'exchange:exportPack': { request: empty, response: ExportResult },
  /**
   * Issue 15: "Openen" and "Toon in map" after an export, answered by the Electron main process
   * itself (electron/main/exportedFiles.ts; the core refuses them). Only an `openToken` from an
   * export answer of this vault session; never a path.
   */
  'files:open': { request: z.object({ token: OpenToken }).strict(), response: ok },
  'files:show': { request: z.object({ token: OpenToken }).strict(), response: ok },
  'exchange:pickPack': { request: empty, response: PackPicked },
  'exchange:importPack': { request: z.object({ token: Id }).strict(), response: PackImportResult },

  /** Issue 17: consent to record (one active per student); revoking deletes the student's recordings. */
  'consent:get': { request: z.object({ studentId: Id }).strict(), response: Consent.nullable() },
  'consent:register': { request: ConsentFields.strict(), response: Consent },
  'consent:revoke': { request: z.object({ studentId: Id }).strict(), response: z.object({ deletedRecordings: z.number().int().nonnegative() }) },
  /** Audio recorded in the app; refused with CONSENT_REQUIRED when the student has no consent. */
  'recordings:start': { request: z.object({ dialogueId: Id, mime: RecordingMime }).strict(), response: Recording },
  /** One chunk (≤ 1 MB, in order), committed before it is acknowledged. */
  'recordings:appendChunk': { request: AppendChunkRequest, response: AppendChunkResult },
  'recordings:finish': {
    request: z.object({ recordingId: Id, durationMs: z.number().int().min(0).max(24 * 3600_000) }).strict(),
    response: Recording,
  },
  'recordings:list': { request: z.object({ dialogueId: Id }).strict(), response: z.array(Recording) },
  /** The whole encoded audio (for playback and decoding); bounded by MAX_RECORDING_BYTES. */
  'recordings:read': { request: z.object({ recordingId: Id }).strict(), response: RecordingAudio },
  'recordings:delete': { request: z.object({ recordingId: Id }).strict(), response: ok },

  /** Speech models for transcription (issue 17), in `<userData>/models/`; not student data. */
  'models:list': { request: empty, response: ModelList },
  /** Asks for a ggml model file (an open dialog in the app), checks, hashes and copies it; null when cancelled. */
  'models:import': { request: empty, response: ModelEntry.nullable() },
  /** The mentor trusts an unknown model file (its hash is not one whisper.cpp publishes). */
  'models:confirm': { request: z.object({ id: ModelId }).strict(), response: ModelList },
  'models:setActive': { request: z.object({ id: ModelId }).strict(), response: ModelList },
  'models:remove': { request: z.object({ id: ModelId }).strict(), response: ModelList },
  /** The two speaker-separation models (sherpa-onnx: segmentation + embedding, ADR 0024). */
  'models:speakers': { request: empty, response: SpeakerModelStatus },
  /** Asks for an ONNX file, inspects, hashes and copies it; which of the two it is, it says itself. Null when cancelled. */
  'models:importSpeaker': { request: empty, response: SpeakerModelEntry.nullable() },
  'models:confirmSpeaker': { request: z.object({ kind: SpeakerModelKind }).strict(), response: SpeakerModelStatus },
  'models:removeSpeaker': { request: z.object({ kind: SpeakerModelKind }).strict(), response: SpeakerModelStatus },
  /** A transcription job for a recording: PCM in chunks, then run; progress and the end come as events. */
  'transcription:start': { request: TranscriptionStart, response: z.object({ jobId: z.string().uuid(), model: z.string() }) },
  'transcription:pcm': { request: PcmChunk, response: z.object({ received: z.number().int() }) },
  'transcription:run': { request: z.object({ jobId: z.string().uuid() }).strict(), response: ok },
  'transcription:result': { request: z.object({ jobId: z.string().uuid() }).strict(), response: TranscriptionResult },
  'transcription:cancel': { request: z.object({ jobId: z.string().uuid() }).strict(), response: ok },
  /** Asks for an audio file (an open dialog in the app); its bytes, bounded and sniffed, for decoding first. */
  'audio:pick': { request: z.object({ dialogueId: Id }).strict(), response: AudioPicked.nullable() },
  /** Stores the picked file (the host's own copy) as an imported recording of the dialogue. */
  'audio:store': { request: z.object({ token: z.string().uuid(), durationMs: z.number().int().min(0).max(24 * 3600_000) }).strict(), response: Recording },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestIn<C extends Channel> = z.input<Contract[C]['request']>;
export type RequestOut<C extends Channel> = z.output<Contract[C]['request']>;
export type Response<C extends Channel> = z.output<Contract[C]['response']>;

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}
