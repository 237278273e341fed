/**
 * The main window. Its renderer is isolated (contextIsolation), sandboxed, without Node.js, with
 * web security on; the only bridge is the preload's `window.precinctDesk` API.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { APP_START_URL } from './app-origin';
import { desktopText, type UiLanguage } from './desktop-text';
import { MIN_WINDOW_HEIGHT, MIN_WINDOW_WIDTH, type WindowState } from './window-state';

/** The window's title in the UI's language (main keeps it: the page's <title> does not replace it). */
export function windowTitle(language: UiLanguage): string {
  return desktopText(language).windowTitle;
}

export interface MainWindowConfig {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  preloadPath: string;
  devTools: boolean;
  state: WindowState;
  language?: UiLanguage;
}

export function mainWindowOptions({ preloadPath, devTools, state, language = 'ky' }: MainWindowConfig): BrowserWindowConstructorOptions {
  return {
    title: windowTitle(language),
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : { center: true }),
    minWidth: MIN_WINDOW_WIDTH,
    minHeight: MIN_WINDOW_HEIGHT,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools,
    },
  };
}

/** Creates the window, shows it once the first paint is ready and loads the app. */
export function createMainWindow(config: MainWindowConfig): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(config));
  // The title follows the UI language (index.ts sets it), not the page's English <title>.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => {
    if (config.state.isMaximized) win.maximize();
    win.show();
  });
  win.loadURL(APP_START_URL).catch(() => {
    console.error('Could not load the app.');
  });
  return win;
}
