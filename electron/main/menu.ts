/**
 * The application menu, every label in the UI's language (locales/<lang>/desktop.json; rebuilt when
 * the renderer tells main its language): File (quit), Edit (the editing
 * shortcuts: copy and paste need them on macOS), View (zoom, full screen), Training, Window and Help
 * (About, save a support file, install an update; on macOS About is in the app menu). Items keep their roles, so accelerators and behaviour stay Electron's; only the labels
 * are ours. Reload and developer tools only when developer tools are allowed (dev-tools.ts): a
 * reload in the middle of a count could lose what is being typed.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/platform/api';
import { desktopText, type UiLanguage } from './desktop-text';

export type MenuLanguage = UiLanguage;

export interface MenuOptions {
  isMac: boolean;
  devTools: boolean;
  /** The language the window shows (Kyrgyz until it says otherwise). */
  language?: MenuLanguage;
  /** Sends a command to the window (training mode is entered by the page, which reloads itself). */
  onCommand?: (command: MenuCommand) => void;
  onSaveSupportFile?: () => void;
  onAbout?: () => void;
}

export function buildMenuTemplate({ isMac, devTools, language = 'ky', onCommand, onSaveSupportFile, onAbout }: MenuOptions): MenuItemConstructorOptions[] {
  const m = desktopText(language).menu;
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: m.resetZoom },
    { role: 'zoomIn', label: m.zoomIn },
    { role: 'zoomOut', label: m.zoomOut },
    { type: 'separator' },
    { role: 'togglefullscreen', label: m.toggleFullScreen },
  ];
  if (devTools) {
    view.push(
      { type: 'separator' },
      { role: 'reload', label: m.reload },
      { role: 'forceReload', label: m.forceReload },
      { role: 'toggleDevTools', label: m.toggleDevTools },
    );
  }
  const about: MenuItemConstructorOptions = { id: 'about', label: m.about, click: () => onAbout?.() };
  const supportFile: MenuItemConstructorOptions = { id: 'save-support-file', label: m.saveSupportFile, click: () => onSaveSupportFile?.() };
  // The page's update panel (Sync screen) first: it warns on voting day and offers a backup, then asks main to install.
  const installUpdate: MenuItemConstructorOptions = { id: 'install-update', label: m.installUpdate, click: () => onCommand?.('install-update') };
  const appMenu: MenuItemConstructorOptions = {
    label: 'Precinct Desk',
    submenu: [
      about,
      { type: 'separator' },
      { role: 'services', label: m.services },
      { type: 'separator' },
      { role: 'hide', label: m.hide },
      { role: 'hideOthers', label: m.hideOthers },
      { role: 'unhide', label: m.unhide },
      { type: 'separator' },
      { role: 'quit', label: m.quit },
    ],
  };
  const windowMenu: MenuItemConstructorOptions[] = isMac
    ? [{ role: 'minimize', label: m.minimize }, { role: 'zoom', label: m.zoom }, { type: 'separator' }, { role: 'front', label: m.front }]
    : [{ role: 'minimize', label: m.minimize }, { role: 'close', label: m.close }];
  return [
    ...(isMac ? [appMenu] : []),
    {
      id: 'file',
      label: m.file,
      submenu: isMac ? [{ role: 'close', label: m.close }] : [{ role: 'quit', label: m.quit }],
    },
    {
      id: 'edit',
      label: m.edit,
      submenu: [
        { role: 'undo', label: m.undo },
        { role: 'redo', label: m.redo },
        { type: 'separator' },
        { role: 'cut', label: m.cut },
        { role: 'copy', label: m.copy },
        { role: 'paste', label: m.paste },
        { role: 'selectAll', label: m.selectAll },
      ],
    },
    { id: 'view', label: m.view, submenu: view },
    { id: 'training', label: m.training, submenu: [{ id: 'open-training', label: m.openTraining, click: () => onCommand?.('open-training') }] },
    { id: 'window', label: m.window, role: 'window', submenu: windowMenu },
    { id: 'help', label: m.help, role: 'help', submenu: isMac ? [supportFile, installUpdate] : [about, { type: 'separator' }, supportFile, installUpdate] },
  ];
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
