/**
 * Every user-facing string goes through i18next: every key exists in ky, ru and en, no value is
 * empty, interpolation placeholders agree across languages, and every literal key the code asks
 * for exists.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const LANGS = ['ky', 'ru', 'en'] as const;
const root = join(__dirname, '../../..');
const localesDir = join(root, 'locales');

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

function load(lang: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(join(localesDir, lang)).filter((f) => f.endsWith('.json'))) {
    const ns = file.replace(/\.json$/u, '');
    const tree = JSON.parse(readFileSync(join(localesDir, lang, file), 'utf8')) as Tree;
    for (const [k, v] of flatten(tree)) out.set(`${ns}:${k}`, v);
  }
  return out;
}

const byLang = Object.fromEntries(LANGS.map((l) => [l, load(l)])) as Record<(typeof LANGS)[number], Map<string, string>>;
/** i18next plural keys ("x_one", "x_few") stand for their base key; languages differ in their forms. */
const PLURAL = /_(zero|one|two|few|many|other)$/u;
const base = (k: string) => k.replace(PLURAL, '');
const lookup = (lang: (typeof LANGS)[number], key: string) => byLang[lang].get(key) ?? byLang[lang].get(`${base(key)}_other`);
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/gu)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/u.test(name) ? [p] : [];
  });
}

describe('translations', () => {
  it('have the same keys in ky, ru and en', () => {
    const all = new Set(LANGS.flatMap((l) => [...byLang[l].keys()].map(base)));
    for (const lang of LANGS) {
      const own = new Set([...byLang[lang].keys()].map(base));
      const missing = [...all].filter((k) => !own.has(k));
      expect(missing, `missing in ${lang}`).toEqual([]);
    }
    expect(all.size).toBeGreaterThan(100);
  });

  it('have no empty values and the same placeholders in every language', () => {
    for (const [key, en] of byLang.en) {
      for (const lang of LANGS) {
        const value = lookup(lang, key) ?? '';
        expect(value.trim(), `${lang} ${key} is empty`).not.toBe('');
        expect(placeholders(value), `${lang} ${key} placeholders`).toEqual(placeholders(en));
      }
    }
  });

  it('contain every literal key the renderer asks for', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(root, 'renderer'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z]+:[A-Za-z0-9_.-]+)'/gu)) used.add(m[1] ?? '');
      for (const m of text.matchAll(/key:\s*'([a-zA-Z]+:[A-Za-z0-9_.-]+)'/gu)) used.add(m[1] ?? '');
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => !byLang.ky.has(k) && !byLang.ky.has(`${k}_other`));
    expect(missing).toEqual([]);
  });

  it('cover every bundle problem code, member role and event type', async () => {
    const { EVENT_TYPES } = await import('../../../shared/events/catalog');
    const { MEMBER_ROLES } = await import('../../../shared/election/model');
    for (const type of EVENT_TYPES) expect(byLang.ky.has(`profile:event.${type}`), type).toBe(true);
    for (const role of MEMBER_ROLES) expect(byLang.ky.has(`common:role.${role}`), role).toBe(true);
    const source = readFileSync(join(root, 'shared/election/bundle.ts'), 'utf8');
    const union = /export type BundleProblemCode =([^;]+);/u.exec(source)?.[1] ?? '';
    const codes = [...union.matchAll(/'([a-z-]+)'/gu)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(20);
    for (const code of codes) expect(byLang.ky.has(`errors:bundle.${code}`), code).toBe(true);
  });

  it('explain every sync error code and say what to do', async () => {
    const { SYNC_ERROR_CODES } = await import('../../../shared/sync');
    for (const code of [...SYNC_ERROR_CODES, 'offline', 'bad-response', 'not-enrolled', 'training-refused']) {
      expect(byLang.ky.has(`sync:error.${code}`), code).toBe(true);
      expect(byLang.ky.has(`sync:todo.${code}`), code).toBe(true);
    }
  });

  it('cover every Form 2 / Form 3 code and choice', async () => {
    const apps = await import('../../../shared/applications');
    const source = readFileSync(join(root, 'shared/applications/register.ts'), 'utf8');
    const codes = [...source.matchAll(/code: '([a-z-]+)'/gu)].map((m) => m[1] ?? '');
    const problems = codes.filter((c) => !['unknown-application', 'already-decided', 'note-required'].includes(c));
    expect(problems.length).toBeGreaterThan(8);
    for (const code of problems) expect(byLang.ky.has(`applications:problem.${code}`), code).toBe(true);
    for (const code of ['unknown-application', 'already-decided', 'note-required']) expect(byLang.ky.has(`applications:followUp.${code}`), code).toBe(true);
    const choices: [string, readonly string[]][] = [
      ['form', apps.APPLICATION_FORMS], ['formShort', apps.APPLICATION_FORMS], ['formWhat', apps.APPLICATION_FORMS], ['subject', apps.FORM3_SUBJECTS],
      ['document', apps.DOCUMENT_KINDS], ['target', apps.FORWARD_TARGETS], ['outcome', apps.APPLICATION_OUTCOMES],
    ];
    for (const [group, values] of choices) for (const v of values) expect(byLang.ky.has(`applications:${group}.${v}`), `${group}.${v}`).toBe(true);
  });
});
