/**
 * The Windows installer as electron-builder.yml configures it (issue 21): commission laptops are
 * shared, so the installer must offer a per-machine install, and it speaks Russian beside English
 * (and Kyrgyz, added by assets/installer.nsh: installer-kyrgyz.test.ts).
 * The languages go through electron-builder's own NSIS language step (app-builder-lib), as a build
 * would: each must become a language NSIS ships, or the Windows build fails where the internet is.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

interface NsisConfig {
  oneClick?: boolean;
  perMachine?: boolean;
  allowElevation?: boolean;
  installerLanguages?: string[];
  multiLanguageInstaller?: boolean;
}

const require = createRequire(import.meta.url);
// js-yaml ships no types (and @types/js-yaml is not a dependency): the one function used, typed here.
const { load } = require('js-yaml') as { load(text: string): unknown };
const config = load(readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8')) as { nsis: NsisConfig; win: { target: { target: string }[] } };

// app-builder-lib is CommonJS without types for its internals: the two names this test uses.
const nsisLang = require('app-builder-lib/out/targets/nsis/nsisLang.js') as {
  LangConfigurator: new (options: NsisConfig) => { langs: string[]; isMultiLang: boolean };
  createAddLangsMacro(generator: { macro(name: string, lines: string[]): void }, langs: { langs: string[] }): void;
};

/**
 * The language files NSIS 3 ships (Contrib/Language files/<Name>.nlf). Kyrgyz is not among them: the
 * installer cannot speak Kyrgyz without a translation of NSIS's own pages, so it speaks Russian.
 */
const NSIS_LANGUAGES = new Set(
  'Afrikaans Albanian Arabic Armenian Asturian Basque Belarusian Bosnian Breton Bulgarian Catalan Corsican Croatian Czech Danish Dutch English Esperanto Estonian Farsi Finnish French Galician Georgian German Greek Hebrew Hindi Hungarian Icelandic Indonesian Irish Italian Japanese Korean Kurdish Latvian Lithuanian Luxembourgish Macedonian Malay Mongolian Norwegian NorwegianNynorsk Pashto Polish Portuguese PortugueseBR Romanian Russian ScotsGaelic Serbian SerbianLatin SimpChinese Slovak Slovenian Spanish SpanishInternational Swedish Tatar Thai TradChinese Turkish Ukrainian Uzbek Vietnamese Welsh'.split(' '),
);

/** The NSIS languages a build of this configuration inserts (`!insertmacro MUI_LANGUAGE "<Name>"`). */
function nsisLanguages(nsis: NsisConfig): string[] {
  const langs = new nsisLang.LangConfigurator(nsis);
  let lines: string[] = [];
  nsisLang.createAddLangsMacro({ macro: (_name, inserted) => (lines = inserted) }, langs);
  return lines.map((line) => /MUI_LANGUAGE "([^"]+)"/u.exec(line)?.[1] ?? line);
}

describe('the Windows installer (electron-builder.yml)', () => {
  it('is an NSIS installer that offers "for all users" (per-machine, elevated) beside "only for me"', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    // oneClick false + perMachine false: NSIS shows the install-mode page (electron-builder's rule);
    // perMachine true would force per-machine, oneClick true would install per-user without asking.
    expect(config.nsis.oneClick).toBe(false);
    expect(config.nsis.perMachine).toBe(false);
    expect(config.nsis.allowElevation).toBe(true);
  });

  it('speaks Russian and English, chosen by the Windows language, each a language NSIS ships', () => {
    const langs = new nsisLang.LangConfigurator(config.nsis);
    expect(langs.isMultiLang).toBe(true);
    const names = nsisLanguages(config.nsis);
    expect(names).toContain('Russian');
    expect(names).toContain('English');
    for (const name of names) expect(NSIS_LANGUAGES, name).toContain(name);
  });

  it('the check bites: a Kyrgyz installer language becomes an NSIS language NSIS does not ship', () => {
    const names = nsisLanguages({ ...config.nsis, installerLanguages: ['ky_KG', 'ru_RU'] });
    expect(names).toEqual(['Kyrgyz', 'Russian']);
    expect(NSIS_LANGUAGES.has('Kyrgyz')).toBe(false);
  });
});
