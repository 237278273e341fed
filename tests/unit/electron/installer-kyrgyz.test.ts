/**
 * The Windows installer in Kyrgyz (issue 21). NSIS ships no Kyrgyz, so the project carries its own
 * language (assets/nsis/: Kyrgyz.nlf for NSIS's own pages, Kyrgyz.nsh for the Modern UI,
 * Kyrgyz-messages.nsh for electron-builder's messages) and assets/installer.nsh adds it.
 *
 * Checked against NSIS's own Russian files (the NSIS that .ci/run installs, Debian's `nsis`): every
 * key they carry, in the order the NLF format needs; against electron-builder's message files
 * (app-builder-lib): every message it writes for its languages; and then compiled once with
 * makensis, as a Kyrgyz, Russian and English installer of the pages electron-builder uses.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// js-yaml ships no types (and @types/js-yaml is not a dependency): the one function used, typed here.
const { load } = require('js-yaml') as { load(text: string): unknown };

const ASSETS = fileURLToPath(new URL('../../../assets/', import.meta.url));
const read = (path: string): string => readFileSync(path, 'utf8').replace(/^\uFEFF/u, '').replace(/\r\n/gu, '\n');

/** Where NSIS is (makensis's own NSISDIR), or null when makensis is not installed. */
function nsisDir(): string | null {
  try {
    const info = execFileSync('makensis', ['-HDRINFO'], { encoding: 'utf8' });
    return /NSISDIR=([^,\s]+)/u.exec(info)?.[1] ?? null;
  } catch {
    return null;
  }
}
const NSISDIR = nsisDir();
const LANGUAGE_FILES = NSISDIR === null ? '' : join(NSISDIR, 'Contrib', 'Language files');

/** An NLF v6 file: its header values and its strings, each under the key its comment names. */
function parseNlf(text: string): { header: string[]; strings: [string, string][] } {
  const lines = text.split('\n');
  const values: { key: string | null; value: string }[] = [];
  let lastComment: string | null = null;
  for (const line of lines) {
    if (line.startsWith('#')) {
      lastComment = line.slice(1).trim();
      continue;
    }
    if (line === '' && values.length > 0 && lastComment === null) continue;
    values.push({ key: lastComment, value: line });
    lastComment = null;
  }
  // The header: "NLF v6", language id, font, font size, codepage, RTL — then the strings.
  const header = values.slice(0, 6).map((v) => v.value);
  const strings = values.slice(6).map((v): [string, string] => [v.key ?? '', v.value]);
  return { header, strings };
}

/** The Modern UI strings of a language .nsh: key → the `!ifdef` blocks it stands in. */
function parseMuiNsh(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const open: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const ifdef = /^!if(n?def)\s+(.+)$/u.exec(line);
    if (ifdef) open.push(`${ifdef[1]} ${ifdef[2]}`);
    else if (line === '!else') open.push(`${open.pop() ?? ''} else`);
    else if (line === '!endif') open.pop();
    const entry = /^\$\{LangFileString\}\s+(\S+)\s+"(.*)"$/u.exec(line);
    if (entry) {
      const key = entry[1]!;
      const value = entry[2]!;
      expect(value.trim(), key).not.toBe('');
      // An unescaped quote would end the string early.
      expect(value.replace(/\$\\"/gu, ''), key).not.toContain('"');
      out.set(`${open.join(' / ')} :: ${key}`, value);
    }
  }
  return out;
}

const kyNlf = parseNlf(read(join(ASSETS, 'nsis', 'Kyrgyz.nlf')));
const kyNsh = read(join(ASSETS, 'nsis', 'Kyrgyz.nsh'));
const kyMessages = read(join(ASSETS, 'nsis', 'Kyrgyz-messages.nsh'));
const CYRILLIC_KY = /[ңөүҢӨҮ]/u;

describe('the Kyrgyz installer language (assets/nsis)', () => {
  it('NSIS is installed here (Debian nsis: .ci/run installs it), with its own Russian files', () => {
    expect(NSISDIR, 'makensis not found: apt-get install nsis').not.toBeNull();
    expect(existsSync(join(LANGUAGE_FILES, 'Russian.nlf'))).toBe(true);
    expect(existsSync(join(LANGUAGE_FILES, 'Russian.nsh'))).toBe(true);
    // NSIS still ships no Kyrgyz: were it to, its own file should be used instead of ours.
    expect(existsSync(join(LANGUAGE_FILES, 'Kyrgyz.nlf'))).toBe(false);
  });

  it('Kyrgyz.nlf: an NLF v6 for language 1088 (ky-KG) with every string of NSIS’s Russian.nlf, in its order, in Kyrgyz', () => {
    const ru = parseNlf(read(join(LANGUAGE_FILES, 'Russian.nlf')));
    expect(kyNlf.header[0]).toBe('NLF v6');
    expect(kyNlf.header[0]).toBe(ru.header[0]);
    expect(kyNlf.header[1]).toBe('1088');
    expect(kyNlf.strings.map(([key]) => key)).toEqual(ru.strings.map(([key]) => key));
    for (const [key, value] of kyNlf.strings) expect(value, key).not.toBe('');
    // Translated, not copied: every caption, button and text differs from Russian (the
    // brand, the empty ^UnDirSubText and the units may not), and the texts are Kyrgyz (letters Russian has not).
    const ky = new Map(kyNlf.strings);
    const ruMap = new Map(ru.strings);
    for (const [key, value] of kyNlf.strings) if (!['^Branding', '^UnDirSubText', 'byte', 'kilo', 'mega', 'giga'].includes(key)) expect(value, key).not.toBe(ruMap.get(key));
    for (const key of ['^UninstallCaption', '^ClickInstall', '^DirText', '^UninstallingText', '^ErrorDecompressing']) expect(ky.get(key), key).toMatch(CYRILLIC_KY);
    // The quoted values (leading or trailing spaces) stay quoted as in Russian.nlf.
    for (const [key, value] of kyNlf.strings) expect(value.startsWith('"'), key).toBe(ruMap.get(key)?.startsWith('"'));
  });

  it('Kyrgyz.nsh: the LANGFILE of Kyrgyz with every Modern UI string of NSIS’s Russian.nsh, under the same conditions', () => {
    expect(kyNsh).toContain('!insertmacro LANGFILE "Kyrgyz" = "Кыргызча" "Kyrgyzcha"');
    const ru = parseMuiNsh(read(join(LANGUAGE_FILES, 'Russian.nsh')));
    const ky = parseMuiNsh(kyNsh);
    expect(ru.size).toBeGreaterThan(50);
    expect([...ky.keys()]).toEqual([...ru.keys()]);
    for (const [key, value] of ky) expect(value, key).not.toBe(ru.get(key));
    expect([...ky.values()].filter((v) => CYRILLIC_KY.test(v)).length).toBeGreaterThan(ky.size / 2);
  });

  it('Kyrgyz-messages.nsh: every message of electron-builder’s messages.yml and assistedMessages.yml, for 1088, in Kyrgyz', () => {
    const templates = join(fileURLToPath(new URL('../../../node_modules/app-builder-lib/templates/nsis/', import.meta.url)));
    const keys = ['messages.yml', 'assistedMessages.yml'].flatMap((f) => Object.keys(load(readFileSync(join(templates, f), 'utf8')) as Record<string, unknown>));
    expect(keys.length).toBeGreaterThan(20);
    const ours = new Map([...kyMessages.matchAll(/^LangString (\S+) (\d+) "(.*)"$/gmu)].map((m) => [m[1]!, { lang: m[2], text: m[3]! }]));
    expect([...ours.keys()].sort()).toEqual([...keys].sort());
    for (const [key, { lang, text }] of ours) {
      expect(lang, key).toBe('1088');
      expect(text.replace(/\$\\"/gu, ''), key).not.toContain('"');
    }
    // The product name stays where electron-builder's English has it.
    for (const key of ['appRunning', 'appCannotBeClosed', 'areYouSureToUninstall', 'appClosing']) expect(ours.get(key)?.text, key).toContain('${PRODUCT_NAME}');
  });

  it('electron-builder.yml includes assets/installer.nsh, which adds Kyrgyz beside Russian and English, and asks for the language', () => {
    const config = load(readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8')) as {
      directories: { buildResources: string };
      nsis: { include?: string; installerLanguages?: string[]; displayLanguageSelector?: boolean; multiLanguageInstaller?: boolean };
    };
    expect(config.nsis.include).toBe('assets/installer.nsh');
    expect(config.directories.buildResources).toBe('assets');
    expect(config.nsis.installerLanguages).toEqual(['ru_RU', 'en_US']);
    expect(config.nsis.multiLanguageInstaller).toBe(true);
    expect(config.nsis.displayLanguageSelector).toBe(true);
    const include = read(join(ASSETS, 'installer.nsh'));
    // electron-builder inserts customHeader after its own languages (templates/nsis/installer.nsi).
    expect(include).toMatch(/!macro customHeader[\s\S]*MUI_LANGUAGEEX "\$\{BUILD_RESOURCES_DIR\}\\nsis" "Kyrgyz"[\s\S]*Kyrgyz-messages\.nsh[\s\S]*!macroend/u);
    const installerNsi = readFileSync(join(fileURLToPath(new URL('../../../node_modules/app-builder-lib/templates/nsis/installer.nsi', import.meta.url))), 'utf8');
    expect(installerNsi.indexOf('!insertmacro customHeader')).toBeGreaterThan(installerNsi.indexOf('!insertmacro addLangs'));
  });

  describe('compiled with makensis', () => {
    const work = mkdtempSync(join(tmpdir(), 'precinct-nsis-'));
    afterAll(() => rmSync(work, { recursive: true, force: true }));

    // Both ways installer.nsh adds Kyrgyz: MUI_LANGUAGEEX (NSIS ≥ 3.x that has it), and the same steps
    // written out for an NSIS without it (electron-builder's older bundle may be one): the macro undefined.
    it.each([
      { way: 'MUI_LANGUAGEEX', undefine: false },
      { way: 'the steps written out (no MUI_LANGUAGEEX)', undefine: true },
    ])('an installer and uninstaller of electron-builder’s pages build with no warning, with three language tables: ru, en and ky — $way', ({ undefine }) => {
      const templates = fileURLToPath(new URL('../../../node_modules/app-builder-lib/templates/nsis/', import.meta.url));
      // electron-builder's messages for Russian and English, as its nsisLang step writes them.
      const messages: string[] = [];
      const used: string[] = [];
      for (const file of ['messages.yml', 'assistedMessages.yml']) {
        for (const [key, byLang] of Object.entries(load(readFileSync(join(templates, file), 'utf8')) as Record<string, Record<string, string>>)) {
          for (const [lang, id] of [['ru', 1049], ['en', 1033]] as const) messages.push(`LangString ${key} ${id} "${(byLang[lang] ?? byLang.en ?? '').replace(/\n/gu, '$\\r$\\n')}"`);
          used.push(`  DetailPrint "$(${key})"`);
        }
      }
      writeFileSync(join(work, 'messages.nsh'), `${messages.join('\n')}\n`);
      const script = [
        'Unicode true',
        '!define PRODUCT_NAME "Precinct Desk"',
        'Name "Precinct Desk"',
        `OutFile "${join(work, 'Precinct Desk Setup.exe')}"`,
        'InstallDir "$LOCALAPPDATA\\Programs\\Precinct Desk"',
        '!include "MUI2.nsh"',
        '!define MUI_ABORTWARNING',
        '!define MUI_UNABORTWARNING',
        '!insertmacro MUI_PAGE_WELCOME',
        '!insertmacro MUI_PAGE_DIRECTORY',
        '!insertmacro MUI_PAGE_INSTFILES',
        '!insertmacro MUI_PAGE_FINISH',
        '!insertmacro MUI_UNPAGE_CONFIRM',
        '!insertmacro MUI_UNPAGE_INSTFILES',
        '!insertmacro MUI_UNPAGE_FINISH',
        // As electron-builder's addLangs, its messages, then our include and its customHeader.
        '!insertmacro MUI_LANGUAGE "Russian"',
        '!insertmacro MUI_LANGUAGE "English"',
        `!include "${join(work, 'messages.nsh')}"`,
        `!include "${join(ASSETS, 'installer.nsh')}"`,
        ...(undefine ? ['!macroundef MUI_LANGUAGEEX'] : []),
        '!insertmacro customHeader',
        '!insertmacro MUI_RESERVEFILE_LANGDLL',
        'Function .onInit',
        '  !insertmacro MUI_LANGDLL_DISPLAY',
        'FunctionEnd',
        'Section',
        '  SetOutPath $INSTDIR',
        ...used,
        '  WriteUninstaller "$INSTDIR\\Uninstall Precinct Desk.exe"',
        'SectionEnd',
        'Section "Uninstall"',
        '  Delete "$INSTDIR\\Uninstall Precinct Desk.exe"',
        'SectionEnd',
      ].join('\n');
      const nsi = join(work, `installer-${undefine ? 'written-out' : 'ex'}.nsi`);
      writeFileSync(nsi, script);
      // -WX: any warning (a string missing from a language table, a bad line) fails the build.
      const log = execFileSync('makensis', ['-WX', '-V3', `-DBUILD_RESOURCES_DIR=${ASSETS.replace(/\/$/u, '')}`, nsi], { encoding: 'utf8' });
      expect(log).toMatch(/Install: .* 3 language tables/u);
      expect(log).toMatch(/Uninstall: .* 3 language tables/u);
      expect(existsSync(join(work, 'Precinct Desk Setup.exe'))).toBe(true);
    });
  });
});
