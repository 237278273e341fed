/**
 * The one small API the Electron preload exposes to the renderer (as `window.precinctDesk`).
 * The same contract is implemented in the browser by `renderer/platform/` with web APIs.
 * Every payload crossing the IPC boundary is parsed with these schemas in the main process.
 */
import { z } from 'zod';

export { IPC_CHANNELS, MENU_COMMAND_CHANNEL } from './channels';

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.enum(['electron', 'browser']),
  os: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

const fileName = z
  .string()
  .min(1)
  .max(200)
  // a bare file name: no folders, no control characters, nothing Windows refuses
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  .regex(/^[^/\\:*?"<>|\u0000-\u001f]+$/u, 'a bare file name without folders');

export const saveFileRequestSchema = z
  .object({
    suggestedName: fileName,
    mimeType: z.enum(['application/json', 'text/csv', 'application/pdf', 'text/plain']),
    /** Text content, or base64 when `encoding` is 'base64'. At most 64 MiB. */
    data: z.string().max(64 * 1024 * 1024),
    encoding: z.enum(['utf8', 'base64']).default('utf8'),
  })
  .strict();
export type SaveFileRequest = z.input<typeof saveFileRequestSchema>;

export const saveFileResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('saved'), fileName: z.string() }),
  z.object({ status: z.literal('cancelled') }),
]);
export type SaveFileResult = z.infer<typeof saveFileResultSchema>;

export const printToPdfRequestSchema = z
  .object({
    suggestedName: fileName.regex(/\.pdf$/iu, 'a .pdf file name'),
    pageSize: z.enum(['A4', 'A3', 'A2']).default('A4'),
    landscape: z.boolean().default(false),
  })
  .strict();
export type PrintToPdfRequest = z.input<typeof printToPdfRequestSchema>;

/** @alias the same answer as a save (knip: a deliberate second name) */
export const printToPdfResultSchema = saveFileResultSchema;
export type PrintToPdfResult = SaveFileResult;

/** Automatic backups (Electron): the folder the commission chose, kept by the main process. */
export const backupStatusSchema = z.object({ available: z.boolean(), folder: z.string().max(4096).nullable() }).strict();
export type BackupStatus = z.infer<typeof backupStatusSchema>;

export const chooseBackupFolderResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('chosen'), folder: z.string().max(4096) }),
  z.object({ status: z.literal('cancelled') }),
  z.object({ status: z.literal('unavailable') }),
]);
export type ChooseBackupFolderResult = z.infer<typeof chooseBackupFolderResultSchema>;

export const writeBackupRequestSchema = z
  .object({
    name: z.string().regex(/^precinct-desk-backup-\d{8}T\d{6}Z\.pdbackup$/u, 'a backup file name'),
    /** The backup file's text (checked again in main: it must read as a backup header). */
    data: z.string().min(1).max(200 * 1024 * 1024),
  })
  .strict();
export type WriteBackupRequest = z.input<typeof writeBackupRequestSchema>;

export const writeBackupResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('written'), name: z.string(), removed: z.number().int().min(0) }),
  z.object({ status: z.literal('no-folder') }),
]);
export type WriteBackupResult = z.infer<typeof writeBackupResultSchema>;

/** The language the renderer shows, told to the main process so its menu speaks it too. */
export const setLanguageRequestSchema = z.object({ language: z.enum(['ky', 'ru', 'en']) }).strict();
export type SetLanguageRequest = z.input<typeof setLanguageRequestSchema>;

/** The election bundle the window works with, told to main for About and the support file. */
export const activeBundleSchema = z
  .object({
    version: z.number().int().min(1).max(1_000_000).nullable(),
    hash: z.string().regex(/^[0-9a-f]{64}$/u, 'a SHA-256 in hex').nullable(),
  })
  .strict();
export type ActiveBundle = z.infer<typeof activeBundleSchema>;

/**
 * An error the renderer met, for the main process's log: what went wrong and where, never a
 * payload. Main masks what may still be personal in the message and stack (electron/main/log.ts).
 */
export const rendererErrorReportSchema = z
  .object({
    kind: z.enum(['error', 'unhandledrejection', 'render']),
    name: z.string().max(100),
    message: z.string().max(2000),
    stack: z.string().max(8000).optional(),
  })
  .strict();
export type RendererErrorReport = z.input<typeof rendererErrorReportSchema>;

/** "Save a support file": the log and the versions (Electron); a browser has no log file. */
export const saveSupportFileResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('saved'), fileName: z.string() }),
  z.object({ status: z.literal('cancelled') }),
  z.object({ status: z.literal('unavailable') }),
]);
export type SaveSupportFileResult = z.infer<typeof saveSupportFileResultSchema>;

/**
 * A request to the sync center. In Electron the main process sends it (electron/main/center-gate.ts),
 * and only to the center this laptop is enrolled with, or to an address the user confirmed in a
 * native dialog; the page's own connect-src allows no other host. In a browser it is a plain fetch
 * under the server's CSP.
 */
export const centerFetchRequestSchema = z
  .object({
    url: z.string().max(2048),
    method: z.enum(['GET', 'POST']),
    headers: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,63}$/u, 'a lower-case header name'), z.string().max(8192)).default({}),
    body: z.string().max(64 * 1024 * 1024).optional(),
  })
  .strict();
export type CenterFetchRequest = z.input<typeof centerFetchRequestSchema>;

export const centerFetchResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('answered'), httpStatus: z.number().int().min(100).max(599), body: z.string() }),
  /** The network failed (no answer). */
  z.object({ status: z.literal('offline') }),
  /** Not the enrolled center, and the user did not confirm the new address: nothing was sent. */
  z.object({ status: z.literal('refused') }),
]);
export type CenterFetchResult = z.infer<typeof centerFetchResultSchema>;

/**
 * "Install an update…" (electron/main/updater.ts): main chooses the folder, verifies the signed
 * package and asks before it starts the installer; the page only learns how it ended. A browser
 * cannot install anything ('unavailable').
 */
export const updateRefusalCodes = [
  'no-key',
  'no-manifest',
  'manifest-too-large',
  'no-signature',
  'signature-too-large',
  'bad-signature',
  'bad-manifest',
  'unsafe-name',
  'not-newer',
  'no-installer',
  'staging-failed',
  'size-mismatch',
  'hash-mismatch',
] as const;
export const installUpdateResultSchema = z.discriminatedUnion('status', [
  /** The installer started; the app is quitting. */
  z.object({ status: z.literal('installing'), version: z.string().max(64) }),
  z.object({ status: z.literal('cancelled') }),
  z.object({ status: z.literal('refused'), code: z.enum(updateRefusalCodes) }),
  /** The verified installer could not be started. */
  z.object({ status: z.literal('failed') }),
  /** Another install is under way. */
  z.object({ status: z.literal('busy') }),
  z.object({ status: z.literal('unavailable') }),
]);
export type InstallUpdateResult = z.infer<typeof installUpdateResultSchema>;

/**
 * The laptop's device signing key at rest (electron/main/device-key.ts): kept by the main process
 * only encrypted with the OS key store (Electron safeStorage: DPAPI on Windows, the Keychain on
 * macOS, the Secret Service on Linux). The page gets the private JWK once a start and imports it as
 * a non-extractable CryptoKey; IndexedDB holds no key. 'unavailable': no OS key store (a browser;
 * Linux without a keyring) — the page keeps its key in IndexedDB as before.
 */
const deviceKeyId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/u, 'a device id');
const jwkCoordinate = z.string().regex(/^[A-Za-z0-9_-]{43}$/u);
export const devicePrivateJwkSchema = z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: jwkCoordinate, y: jwkCoordinate, d: jwkCoordinate }).strip();
export type DevicePrivateJwk = z.infer<typeof devicePrivateJwkSchema>;
export const loadDeviceKeyRequestSchema = z.object({ deviceId: deviceKeyId }).strict();
export type LoadDeviceKeyRequest = z.infer<typeof loadDeviceKeyRequestSchema>;
export const saveDeviceKeyRequestSchema = z.object({ deviceId: deviceKeyId, privateJwk: devicePrivateJwkSchema }).strict();
export type SaveDeviceKeyRequest = z.infer<typeof saveDeviceKeyRequestSchema>;
export const loadDeviceKeyResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('stored'), privateJwk: devicePrivateJwkSchema }),
  /** No key kept for this device yet (or the one kept could no longer be decrypted: set aside). */
  z.object({ status: z.literal('none') }),
  z.object({ status: z.literal('unavailable') }),
]);
export type LoadDeviceKeyResult = z.infer<typeof loadDeviceKeyResultSchema>;
export const saveDeviceKeyResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('saved') }),
  /** A key is already kept for this device (another window made it first): load that one. */
  z.object({ status: z.literal('kept') }),
  z.object({ status: z.literal('unavailable') }),
]);
export type SaveDeviceKeyResult = z.infer<typeof saveDeviceKeyResultSchema>;

/** What the application menu asks the window to do. */
export const menuCommandSchema = z.enum(['open-training', 'install-update']);
export type MenuCommand = z.infer<typeof menuCommandSchema>;

/** What `window.precinctDesk` offers. */
export interface PlatformApi {
  getAppInfo(): Promise<AppInfo>;
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>;
  printToPdf(request: PrintToPdfRequest): Promise<PrintToPdfResult>;
  backupStatus(): Promise<BackupStatus>;
  chooseBackupFolder(): Promise<ChooseBackupFolderResult>;
  writeBackup(request: WriteBackupRequest): Promise<WriteBackupResult>;
  setLanguage(request: SetLanguageRequest): Promise<void>;
  reportActiveBundle(bundle: ActiveBundle): Promise<void>;
  logError(report: RendererErrorReport): Promise<void>;
  saveSupportFile(): Promise<SaveSupportFileResult>;
  /** Help → Install an update… (see installUpdateResultSchema). */
  installUpdate(): Promise<InstallUpdateResult>;
  /** Sends one request to the sync center (see centerFetchRequestSchema). */
  centerFetch(request: CenterFetchRequest): Promise<CenterFetchResult>;
  /** This device's signing key from the OS key store (see loadDeviceKeyResultSchema). */
  loadDeviceKey(request: LoadDeviceKeyRequest): Promise<LoadDeviceKeyResult>;
  /** Keeps this device's new signing key, encrypted by the OS key store; never overwrites one. */
  saveDeviceKey(request: SaveDeviceKeyRequest): Promise<SaveDeviceKeyResult>;
  /** Calls `listener` with each command of the application menu; returns the unsubscribe. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
