/**
 * The dashboard page's source (center/web): its words in the `center` namespace of locales/ (same keys
 * in three languages, every key the markup and the modules ask for exists), no inline code for the
 * CSP to allow, text-only writes; its CSP; and the CSV fields.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DASHBOARD_CSP, DASHBOARD_LANGUAGES, DASHBOARD_STRINGS, fillWords } from '../../../center/src/dashboard-page';
import { csvField } from '../../../center/src/dashboard';

const web = join(__dirname, '../../../center/web');
const html = readFileSync(join(web, 'index.html'), 'utf8');
const modules = readdirSync(web).filter((f) => f.endsWith('.ts')).map((f) => [f, readFileSync(join(web, f), 'utf8')] as const);

describe('dashboard page', () => {
  it('has the same non-empty keys in Kyrgyz, Russian and English', () => {
    const keys = Object.keys(DASHBOARD_STRINGS.ky).sort();
    expect(keys.length).toBeGreaterThan(100);
    for (const lang of DASHBOARD_LANGUAGES) {
      expect(Object.keys(DASHBOARD_STRINGS[lang]).sort(), lang).toEqual(keys);
      for (const key of keys) expect(DASHBOARD_STRINGS[lang][key as keyof (typeof DASHBOARD_STRINGS)['ky']].trim().length, `${lang}.${key}`).toBeGreaterThan(0);
    }
  });

  it('asks only for keys the namespace has: every data-i18n of the markup and every literal t() of the modules', () => {
    const used = [...html.matchAll(/data-i18n="([^"]+)"/gu)].map((m) => m[1] ?? '');
    expect(used.length).toBeGreaterThan(40);
    for (const [, text] of modules) for (const m of text.matchAll(/\bt\('([A-Za-z]+)'/gu)) used.push(m[1] ?? '');
    expect(used.length).toBeGreaterThan(120);
    for (const key of used) expect(Object.keys(DASHBOARD_STRINGS.ky), key).toContain(key);
  });

  it('has no inline script, style or handler: one module script and one style sheet, for a CSP of its own origin only', () => {
    expect([...html.matchAll(/<script\b[^>]*>/gu)].map((m) => m[0])).toEqual(['<script type="module" src="./main.ts">']);
    expect(html).toMatch(/<script type="module" src="\.\/main\.ts"><\/script>/u);
    expect(html).not.toMatch(/<style|\sstyle="|\son[a-z]+="/u);
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//u);
    expect(DASHBOARD_CSP).toContain("default-src 'none'");
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    expect(DASHBOARD_CSP).toContain("style-src 'self'");
    expect(DASHBOARD_CSP).toContain("require-trusted-types-for 'script'");
    expect(DASHBOARD_CSP).not.toMatch(/unsafe|\*|https?:|data:|blob:/u);
  });

  it('writes data only as text (no HTML sinks in its modules)', () => {
    expect(modules.length).toBeGreaterThan(5);
    for (const [file, text] of modules) {
      for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(', 'new Function', 'srcdoc']) {
        expect(text, `${file}: ${sink}`).not.toContain(sink);
      }
    }
  });

  it('fills placeholders as i18next does (the CSV words)', () => {
    expect(fillWords(DASHBOARD_STRINGS.en.protoCount, { n: 3, total: 5, errors: 0 })).toBe('Protocols: 3 / 5; with errors: 0.');
    expect(fillWords('{{a}} and {{b}}', { a: 1 })).toBe('1 and {{b}}');
  });
});

describe('CSV fields', () => {
  it('quotes per RFC 4180 and disarms spreadsheet formulas', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
    expect(csvField('Бишкек')).toBe('Бишкек');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@cmd')).toBe("'@cmd");
  });

  it('disarms the lookalikes of = + - @ (full-width, small, minus sign), tab/CR/LF starts and leading spaces', () => {
    for (const lead of ['\uff1d', '\uff0b', '\uff0d', '\uff20', '\ufe66', '\ufe62', '\ufe63', '\ufe6b', '\u2212']) {
      expect(csvField(`${lead}SUM(A1:A9)`), lead).toBe(`'${lead}SUM(A1:A9)`);
    }
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvField('\nx')).toBe(`"'\nx"`);
    for (const space of [' ', '\u00a0', '\u3000', '\ufeff', '  \u3000']) expect(csvField(`${space}=1+1`), JSON.stringify(space)).toBe(`'${space}=1+1`);
    // Ordinary text keeps its form, also with a sign inside.
    expect(csvField('Чүй 1-2')).toBe('Чүй 1-2');
    expect(csvField('Ош ＝ город')).toBe('Ош ＝ город');
  });
});
