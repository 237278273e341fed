import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, appInfoSchema } from '../../../shared/platform/api';
import { FakeWebContents, fakes, resetFakes } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { IpcRequestError, registerIpcHandlers } = await import('../../../electron/main/ipc');
type Deps = Parameters<typeof registerIpcHandlers>[0] & object;

const CHOSEN_PATH = '/home/user/Documents/precinct-4021-results.csv';

interface FakeEvent {
  senderFrame: { url: string; parent: unknown } | null;
  sender: FakeWebContents;
}

function appEvent(url = 'app://precinct-desk/protocols'): FakeEvent {
  return { senderFrame: { url, parent: null }, sender: new FakeWebContents() };
}

let deps: { showSaveDialog: ReturnType<typeof vi.fn>; writeFile: ReturnType<typeof vi.fn>; documentsDir: ReturnType<typeof vi.fn> };

function handler(channel: string): (event: FakeEvent, ...args: unknown[]) => Promise<unknown> {
  const registered = fakes.ipcHandlers.get(channel);
  if (!registered) throw new Error(`no handler for ${channel}`);
  return async (event, ...args) => registered(event, ...args);
}

const saveFile = (event: FakeEvent, ...args: unknown[]) => handler(IPC_CHANNELS.saveFile)(event, ...args);
const printToPdf = (event: FakeEvent, ...args: unknown[]) => handler(IPC_CHANNELS.printToPdf)(event, ...args);
const getAppInfo = (event: FakeEvent, ...args: unknown[]) => handler(IPC_CHANNELS.getAppInfo)(event, ...args);

const validSave = { suggestedName: 'precinct-4021-results.csv', mimeType: 'text/csv', data: 'candidate,votes\nA,12\n' };
const validPrint = { suggestedName: 'protocol.pdf' };

function expectNothingDone(): void {
  expect(deps.showSaveDialog).not.toHaveBeenCalled();
  expect(deps.writeFile).not.toHaveBeenCalled();
}

beforeEach(() => {
  resetFakes();
  deps = {
    showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: CHOSEN_PATH })),
    writeFile: vi.fn(async () => undefined),
    documentsDir: vi.fn(() => '/home/user/Documents'),
  };
  registerIpcHandlers(deps as unknown as Deps);
});

describe('registration', () => {
  it('handles exactly the contract channels', () => {
    expect(fakes.ipcMain.handle).toHaveBeenCalledTimes(Object.values(IPC_CHANNELS).length);
    expect([...fakes.ipcHandlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
  });
});

describe('the sender must be the app', () => {
  it.each([
    ['another web origin', { url: 'https://evil.example/', parent: null }],
    ['a file: page', { url: 'file:///tmp/evil.html', parent: null }],
    ['another app:// host', { url: 'app://evil/', parent: null }],
    ['a data: URL', { url: 'data:text/html,x', parent: null }],
    ['an about:blank frame', { url: 'about:blank', parent: null }],
    ['an iframe inside the app', { url: 'app://precinct-desk/frame.html', parent: { url: 'app://precinct-desk/' } }],
    ['a destroyed frame', null],
  ])('refuses %s on every channel', async (_what, senderFrame) => {
    const event = { senderFrame, sender: new FakeWebContents() };
    await expect(getAppInfo(event)).rejects.toThrow(/did not come from the Precinct Desk window/u);
    await expect(saveFile(event, validSave)).rejects.toBeInstanceOf(IpcRequestError);
    await expect(printToPdf(event, validPrint)).rejects.toBeInstanceOf(IpcRequestError);
    expectNothingDone();
    expect(event.sender.printToPDF).not.toHaveBeenCalled();
  });
});

describe('saveFile', () => {
  it.each([
    ['data of the wrong type', { ...validSave, data: 42 }],
    ['a missing file name', { mimeType: 'text/csv', data: 'x' }],
    ['an extra key', { ...validSave, path: '/etc/passwd' }],
    ['a file name with a slash', { ...validSave, suggestedName: 'reports/results.csv' }],
    ['a file name with a backslash', { ...validSave, suggestedName: '..\\results.csv' }],
    ['an absolute file name', { ...validSave, suggestedName: '/etc/cron.d/evil' }],
    ['a drive-relative file name', { ...validSave, suggestedName: 'C:evil.csv' }],
    ['a control character in the name', { ...validSave, suggestedName: 'a\u0000b.csv' }],
    ['an empty file name', { ...validSave, suggestedName: '' }],
    ['an unknown MIME type', { ...validSave, mimeType: 'text/html' }],
    ['an unknown encoding', { ...validSave, encoding: 'latin1' }],
    ['invalid base64', { ...validSave, encoding: 'base64', data: 'not base64!' }],
    ['a string instead of an object', 'results.csv'],
    ['null', null],
    ['an array', [validSave]],
  ])('refuses %s and does nothing', async (_what, payload) => {
    await expect(saveFile(appEvent(), payload)).rejects.toBeInstanceOf(IpcRequestError);
    expectNothingDone();
  });

  it('refuses a wrong number of arguments', async () => {
    await expect(saveFile(appEvent())).rejects.toThrow(/exactly one request object/u);
    await expect(saveFile(appEvent(), validSave, validSave)).rejects.toThrow(/exactly one request object/u);
    expectNothingDone();
  });

  it('error messages do not echo the data', async () => {
    const secret = 'Asanova Aigul, passport AN1234567';
    await expect(saveFile(appEvent(), { ...validSave, data: 7, extra: secret })).rejects.toSatisfy(
      (error: Error) => !error.message.includes(secret) && !error.message.includes('AN1234567'),
    );
  });

  it('asks where to save, then writes the text to the chosen path only', async () => {
    await expect(saveFile(appEvent(), validSave)).resolves.toEqual({ status: 'saved', fileName: 'precinct-4021-results.csv' });
    expect(deps.showSaveDialog).toHaveBeenCalledTimes(1);
    const [, options] = deps.showSaveDialog.mock.calls[0] as [unknown, { defaultPath: string; filters: Array<{ extensions: string[] }> }];
    expect(options.defaultPath).toBe('/home/user/Documents/precinct-4021-results.csv');
    expect(options.filters[0]?.extensions).toEqual(['csv']);
    expect(deps.writeFile).toHaveBeenCalledExactlyOnceWith(CHOSEN_PATH, validSave.data);
  });

  it('decodes base64 and writes the bytes', async () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);
    const data = Buffer.from(bytes).toString('base64');
    await saveFile(appEvent(), { suggestedName: 'a.pdf', mimeType: 'application/pdf', data, encoding: 'base64' });
    const [path, written] = deps.writeFile.mock.calls[0] as [string, Uint8Array];
    expect(path).toBe(CHOSEN_PATH);
    expect([...written]).toEqual([...bytes]);
  });

  it('writes nothing when the dialog is cancelled', async () => {
    deps.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await expect(saveFile(appEvent(), validSave)).resolves.toEqual({ status: 'cancelled' });
    expect(deps.writeFile).not.toHaveBeenCalled();
  });

  it('reports a write failure without the path', async () => {
    deps.writeFile.mockRejectedValueOnce(new Error(`EACCES: permission denied, open '${CHOSEN_PATH}'`));
    await expect(saveFile(appEvent(), validSave)).rejects.toSatisfy(
      (error: Error) => error instanceof IpcRequestError && !error.message.includes('/home/user'),
    );
  });
});

describe('printToPdf', () => {
  it.each([
    ['a name that is not .pdf', { suggestedName: 'protocol.txt' }],
    ['a path in the name', { suggestedName: '../protocol.pdf' }],
    ['an unknown page size', { ...validPrint, pageSize: 'Letter' }],
    ['landscape of the wrong type', { ...validPrint, landscape: 'yes' }],
    ['an extra key', { ...validPrint, printBackground: false }],
  ])('refuses %s and neither prints nor saves', async (_what, payload) => {
    const event = appEvent();
    await expect(printToPdf(event, payload)).rejects.toBeInstanceOf(IpcRequestError);
    expect(event.sender.printToPDF).not.toHaveBeenCalled();
    expectNothingDone();
  });

  it('prints the sender with backgrounds (defaults A4 portrait) and saves the PDF', async () => {
    const event = appEvent();
    await expect(printToPdf(event, validPrint)).resolves.toEqual({ status: 'saved', fileName: 'precinct-4021-results.csv' });
    expect(event.sender.printToPDF).toHaveBeenCalledExactlyOnceWith({ pageSize: 'A4', landscape: false, printBackground: true });
    const [, options] = deps.showSaveDialog.mock.calls[0] as [unknown, { defaultPath: string; filters: Array<{ extensions: string[] }> }];
    expect(options.defaultPath).toBe('/home/user/Documents/protocol.pdf');
    expect(options.filters[0]?.extensions).toEqual(['pdf']);
    const [path, written] = deps.writeFile.mock.calls[0] as [string, Uint8Array];
    expect(path).toBe(CHOSEN_PATH);
    expect(Buffer.from(written).toString()).toBe('%PDF-1.7 fake');
  });

  it('passes A3 landscape through', async () => {
    const event = appEvent();
    await printToPdf(event, { suggestedName: 'Big.PDF', pageSize: 'A3', landscape: true });
    expect(event.sender.printToPDF).toHaveBeenCalledWith({ pageSize: 'A3', landscape: true, printBackground: true });
  });
});

describe('getAppInfo', () => {
  it('returns the app info of the contract', async () => {
    const info = appInfoSchema.parse(await getAppInfo(appEvent()));
    expect(info).toMatchObject({ name: 'Precinct Desk', version: '0.1.0', platform: 'electron' });
    expect(info.os).toContain(process.platform);
  });

  it('refuses arguments', async () => {
    await expect(getAppInfo(appEvent(), { anything: true })).rejects.toBeInstanceOf(IpcRequestError);
  });
});

describe('setLanguage', () => {
  it('tells the menu the window\'s language, and refuses anything else or any other sender', async () => {
    resetFakes();
    const languages: string[] = [];
    registerIpcHandlers(deps as unknown as Deps, undefined, (language) => languages.push(language));
    const setLanguage = (event: FakeEvent, ...args: unknown[]) => handler(IPC_CHANNELS.setLanguage)(event, ...args);
    await setLanguage(appEvent(), { language: 'ru' });
    expect(languages).toEqual(['ru']);
    for (const bad of [[{ language: 'de' }], [{ language: 'ru', extra: 1 }], ['ru'], [], [{ language: 'ky' }, { language: 'en' }]]) {
      await expect(setLanguage(appEvent(), ...bad)).rejects.toBeInstanceOf(IpcRequestError);
    }
    await expect(setLanguage({ senderFrame: { url: 'https://evil.example/', parent: null }, sender: new FakeWebContents() }, { language: 'en' })).rejects.toThrow(
      /did not come from the Precinct Desk window/u,
    );
    expect(languages).toEqual(['ru']);
  });
});
