/** The IPC channel names, free of any dependency so the sandboxed preload stays tiny. */
export const IPC_CHANNELS = {
  getAppInfo: 'precinct-desk:get-app-info',
  saveFile: 'precinct-desk:save-file',
  printToPdf: 'precinct-desk:print-to-pdf',
  backupStatus: 'precinct-desk:backup-status',
  chooseBackupFolder: 'precinct-desk:backup-choose-folder',
  writeBackup: 'precinct-desk:backup-write',
  setLanguage: 'precinct-desk:set-language',
  reportActiveBundle: 'precinct-desk:report-active-bundle',
  logError: 'precinct-desk:log-error',
  saveSupportFile: 'precinct-desk:save-support-file',
  centerFetch: 'precinct-desk:center-fetch',
  installUpdate: 'precinct-desk:install-update',
  loadDeviceKey: 'precinct-desk:device-key-load',
  saveDeviceKey: 'precinct-desk:device-key-save',
} as const;

/** The one channel the main process sends on (the application menu's commands); the preload listens to it only. */
export const MENU_COMMAND_CHANNEL = 'precinct-desk:menu-command';

