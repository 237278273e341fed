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
    for (const lang of DASHBOARD_LANGUAGES) {
      expect(Object.keys(parsed[lang] ?? {}).sort(), lang).toEqual(keys);
      expect(Object.keys(DASHBOARD_STRINGS[lang]).sort(), lang).toEqual(keys);
      for (const key of keys) expect((parsed[lang]?.[key] ?? '').trim().length, `${lang}.${key}`).toBeGreaterThan(0);
    }
    expect(parsed).toEqual(DASHBOARD_STRINGS);
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
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@cmd')).toBe("'@cmd");
  });
});
