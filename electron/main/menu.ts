/**
 * A minimal application menu: editing shortcuts (copy/paste need the Edit menu on macOS), zoom and
 * full screen. Reload and developer tools only when developer tools are allowed (dev-tools.ts): a
 * reload in the middle of a count could lose what is being typed.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/platform/api';
import en from '../../locales/en/menu.json';
import ky from '../../locales/ky/menu.json';
import ru from '../../locales/ru/menu.json';

export type MenuLanguage = 'ky' | 'ru' | 'en';
const LABELS: Record<MenuLanguage, { training: string; openTraining: string }> = { ky, ru, en };

export interface MenuOptions {
  isMac: boolean;
  devTools: boolean;
  /** The language the window shows (Kyrgyz until it says otherwise). */
  language?: MenuLanguage;
  /** Sends a command to the window (training mode is entered by the page, which reloads itself). */
  onCommand?: (command: MenuCommand) => void;
}

export function buildMenuTemplate({ isMac, devTools, language = 'ky', onCommand }: MenuOptions): MenuItemConstructorOptions[] {
  const labels = LABELS[language];
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (devTools) {
    view.push({ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' });
  }
  return [
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { label: labels.training, submenu: [{ id: 'open-training', label: labels.openTraining, click: () => onCommand?.('open-training') }] },
    { role: 'windowMenu' },
  ];
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
