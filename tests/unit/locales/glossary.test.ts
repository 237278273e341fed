/**
 * The terminology glossary (locales/glossary.json) holds: no banned variant of a concept's term
 * appears in that language's strings, and every counted noun after a number is an i18next plural
 * key (ru one/few/many/other, ky and en one/other) counted by `count`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const root = join(__dirname, '../../..');
const Glossary = z.object({
  concepts: z.record(
    z.string(),
    z.object({
      ky: z.string().min(1),
      ru: z.string().min(1),
      en: z.string().min(1),
      source: z.string().min(1),
      banned: z.partialRecord(z.enum(['ky', 'ru', 'en']), z.array(z.string().min(1))).optional(),
    }),
  ),
  counted: z.partialRecord(z.enum(['ky', 'ru', 'en']), z.array(z.string().min(1))),
});
const glossary = Glossary.parse(JSON.parse(readFileSync(join(root, 'locales/glossary.json'), 'utf8')));

type Tree = { [k: string]: string | Tree };
function flatten(tree: Tree, prefix: string, out: Map<string, string>): Map<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    const key = `${prefix}.${k}`;
    if (typeof v === 'string') out.set(key, v);
    else flatten(v, key, out);
  }
  return out;
}
export function loadLocale(lang: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(join(root, 'locales', lang)).filter((f) => f.endsWith('.json'))) {
    flatten(JSON.parse(readFileSync(join(root, 'locales', lang, file), 'utf8')) as Tree, file.replace(/\.json$/u, ''), out);
  }
  return out;
}

const PLURAL_FORMS: Record<'ky' | 'ru' | 'en', readonly string[]> = { ky: ['one', 'other'], ru: ['one', 'few', 'many', 'other'], en: ['one', 'other'] };
const PLURAL = /_(zero|one|two|few|many|other)$/u;

/** Keys whose value puts a counted noun right after an interpolated number, not as a plural key of `count`. */
export function countedWithoutPlural(strings: Map<string, string>, nouns: readonly string[]): string[] {
  const bad: string[] = [];
  if (nouns.length === 0) return bad;
  const escaped = nouns.map((n) => n.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'));
  // "{{x}}" or "{{x, n}}" (a formatted number) followed by the noun, perhaps after one word.
  const re = new RegExp(`\\{\\{(\\w+)(?:, *\\w+)?\\}\\} (?:\\p{L}+ )?(${escaped.join('|')})(?![\\p{L}])`, 'gu');
  for (const [key, value] of strings) {
    for (const m of value.matchAll(re)) {
      if (!(PLURAL.test(key) && m[1] === 'count')) bad.push(`${key}: «${m[0]}»`);
    }
  }
  return bad;
}

/** Plural groups missing one of the language's forms. */
export function incompletePlurals(strings: Map<string, string>, lang: 'ky' | 'ru' | 'en'): string[] {
  const groups = new Map<string, Set<string>>();
  for (const key of strings.keys()) {
    const m = PLURAL.exec(key);
    if (!m?.[1]) continue;
    const base = key.slice(0, -m[0].length);
    groups.set(base, (groups.get(base) ?? new Set()).add(m[1]));
  }
  return [...groups].filter(([, forms]) => PLURAL_FORMS[lang].some((f) => !forms.has(f))).map(([base]) => base);
}

/**
 * Strings with a counted noun after a number that are not yet plural keys. Kyrgyz and Russian are
 * complete (a new one fails); English leftovers must become plural keys of `count` and leave this list.
 */
const NOT_YET_PLURAL: Record<'ky' | 'ru' | 'en', readonly string[]> = {
  ky: [],
  ru: [],
  en: [],
};

describe('terminology glossary', () => {
  for (const lang of ['ky', 'ru', 'en'] as const) {
    const strings = loadLocale(lang);
    it(`${lang}: no banned variant of a glossary term`, () => {
      const hits: string[] = [];
      for (const [concept, entry] of Object.entries(glossary.concepts)) {
        for (const variant of entry.banned?.[lang] ?? []) {
          for (const [key, value] of strings) if (JSON.stringify(value).includes(variant)) hits.push(`${key}: «${variant}» (${concept} → «${entry[lang]}»)`);
        }
      }
      expect(hits).toEqual([]);
    });
    it(`${lang}: counted nouns are plural keys with every form`, () => {
      const bad = countedWithoutPlural(strings, glossary.counted[lang] ?? []);
      const known = new Set(NOT_YET_PLURAL[lang]);
      // Not yet converted strings are listed; a listed one that is fixed must leave the list.
      expect(bad.filter((b) => !known.has(b))).toEqual([]);
      expect([...known].filter((k) => !bad.includes(k))).toEqual([]);
      expect(incompletePlurals(strings, lang)).toEqual([]);
    });
  }

  it('the checks catch what they are for', () => {
    const s = new Map([
      ['a.x', 'расхождение {{difference}} бюллетеней'],
      ['a.y_one', '{{count}} бюллетень'],
      ['a.y_few', '{{count}} бюллетеня'],
    ]);
    s.set('a.z', 'получено {{received, n}} бюллетеней');
    expect(countedWithoutPlural(s, glossary.counted.ru ?? [])).toEqual(['a.x: «{{difference}} бюллетеней»', 'a.z: «{{received, n}} бюллетеней»']);
    expect(incompletePlurals(s, 'ru')).toEqual(['a.y']);
  });
});
