/** The dashboard page's dictionary (same keys in all three languages), its CSP and the CSV fields. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DASHBOARD_CSP, DASHBOARD_LANGUAGES, DASHBOARD_STRINGS, dashboardPageHtml } from '../../../center/src/dashboard-page';
import { csvField } from '../../../center/src/dashboard';

const html = dashboardPageHtml();

describe('dashboard page', () => {
  it('has the same non-empty keys in Kyrgyz, Russian and English, in the module and in the served page', () => {
    const block = /<script type="application\/json" id="i18n">([^<]*)<\/script>/u.exec(html);
    expect(block).not.toBeNull();
    const parsed = JSON.parse(block?.[1] ?? '{}') as Record<string, Record<string, string>>;
    expect(Object.keys(parsed).sort()).toEqual([...DASHBOARD_LANGUAGES].sort());
    const keys = Object.keys(parsed.ky ?? {}).sort();
    expect(keys.length).toBeGreaterThan(20);
    // The page's own words, and the sync error codes in words (`err:<code>`, the laptops' texts).
    const own = keys.filter((k) => !k.startsWith('err:'));
    expect(keys.filter((k) => k.startsWith('err:'))).toEqual(expect.arrayContaining(['err:bad-signature', 'err:seq-gap', 'err:device-revoked']));
    for (const lang of DASHBOARD_LANGUAGES) {
      expect(Object.keys(parsed[lang] ?? {}).sort(), lang).toEqual(keys);
      expect(Object.keys(DASHBOARD_STRINGS[lang]).sort(), lang).toEqual(own);
      for (const key of keys) expect((parsed[lang]?.[key] ?? '').trim().length, `${lang}.${key}`).toBeGreaterThan(0);
      for (const key of own) expect(parsed[lang]?.[key], `${lang}.${key}`).toBe(DASHBOARD_STRINGS[lang][key as keyof (typeof DASHBOARD_STRINGS)['ky']]);
    }
    expect(parsed.ru?.['err:bad-signature']).not.toBe(parsed.en?.['err:bad-signature']);
  });

  it('uses every data-i18n key of the markup from the dictionary', () => {
    const used = [...html.matchAll(/data-i18n="([^"]+)"/gu)].map((m) => m[1] ?? '');
    expect(used.length).toBeGreaterThan(5);
    for (const key of used) expect(Object.keys(DASHBOARD_STRINGS.ky)).toContain(key);
  });

  it('allows exactly its inline script and style by hash, nothing external', () => {
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/gu)].map((m) => m[1] ?? '');
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/gu)].map((m) => m[1] ?? '');
    expect(scripts).toHaveLength(1);
    expect(styles).toHaveLength(1);
    const hash = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');
    expect(DASHBOARD_CSP).toContain(`script-src 'sha256-${hash(scripts[0] ?? '')}'`);
    expect(DASHBOARD_CSP).toContain(`style-src 'sha256-${hash(styles[0] ?? '')}'`);
    expect(DASHBOARD_CSP).toContain("default-src 'none'");
    expect(DASHBOARD_CSP).not.toContain('unsafe');
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//u);
    expect(html).not.toMatch(/\sstyle="/u);
    expect(html).not.toMatch(/\son[a-z]+="/u);
  });

  it('writes data only as text (no HTML sinks in the script)', () => {
    for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(', 'new Function', 'srcdoc']) {
      expect(html, sink).not.toContain(sink);
    }
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
