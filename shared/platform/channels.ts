/** The IPC channel names, free of any dependency so the sandboxed preload stays tiny. */
export const IPC_CHANNELS = {
  getAppInfo: 'precinct-desk:get-app-info',
  saveFile: 'precinct-desk:save-file',
  printToPdf: 'precinct-desk:print-to-pdf',
} as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];
