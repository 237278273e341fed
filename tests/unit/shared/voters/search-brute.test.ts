/**
 * The index's answers to name queries equal a brute-force reading of the rules (shared/voters/search.ts's
 * module comment) on generated lists: the same voters, the same true count, the same order — names
 * held with Latin look-alike letters and with ң ө ү lost to Windows-1251 ('?') included, queries of
 * one to three words typed with prefixes of any length (a one-letter word too: "ник н"), in Cyrillic
 * or with look-alike Latin letters.
 */
import { describe, expect, it } from 'vitest';
import { generateVoters } from '../../../../shared/voters/generate';
import { packVoters, PackedVoters } from '../../../../shared/voters/packed';
import { searchSkeleton, VoterSearchIndex } from '../../../../shared/voters/search';
import type { VoterRecord } from '../../../../shared/voters/validate';

const WORD_SPLIT = /[\s\-‐‑–—.,;:'"`’ʼ()[\]/\\]+/u;
const FIELD_WEIGHT = [30, 20, 10];

/** The keys of a name text as the rules say: each word's skeleton, a word with '?' under each reading of ң ө ү (up to 3 of them). */
function keysOf(text: string): string[] {
  const out = new Set<string>();
  for (const word of text.normalize('NFC').split(WORD_SPLIT)) {
    if (word === '') continue;
    const parts = word.split(/[?\ufffd]/u);
    const lost = parts.length - 1;
    let readings = [word];
    if (lost > 0 && lost <= 3 && /\p{L}/u.test(word)) {
      readings = [parts[0]!];
      for (let k = 1; k < parts.length; k += 1) readings = readings.flatMap((r) => ['ң', 'ө', 'ү'].map((l) => r + l + parts[k]!));
    }
    for (const r of readings) {
      const s = searchSkeleton(r);
      if (s !== '') out.add(s);
    }
  }
  return [...out];
}

/** The prefixes a typed word is looked for under (its skeleton and the digraph readings of its last letter), shorter ones covering longer. */
function prefixesOf(raw: string): string[] {
  const skeleton = searchSkeleton(raw);
  const set = new Set([skeleton]);
  const lower = raw.toLowerCase();
  const end = lower[lower.length - 1] ?? '';
  if ('zkcs'.includes(end)) set.add(searchSkeleton(`${lower}h`));
  if (end === 't') set.add(searchSkeleton(`${lower}s`));
  if (end === 'd' || end === 'д') set.add(searchSkeleton(`${lower.slice(0, -1)}zh`));
  if (end === 'y' && lower.length > 1) set.add(searchSkeleton(lower.slice(0, -1)));
  return [...set].filter((p) => p !== '' && ![...set].some((o) => o !== p && o !== '' && p.startsWith(o)));
}

/** Each voter's name keys with the weight of their field (surname, name, patronymic), read once a list. */
const wordsOf = new WeakMap<readonly VoterRecord[], { key: string; weight: number }[][]>();

/** Every voter the query finds, best first, by reading every voter (no index). */
function bruteForce(voters: readonly VoterRecord[], query: string): number[] {
  let all = wordsOf.get(voters);
  if (!all) {
    all = voters.map((v) => [v.surname, v.name, v.patronymic].flatMap((text, f) => (text ? keysOf(text).map((key) => ({ key, weight: FIELD_WEIGHT[f]! })) : [])));
    wordsOf.set(voters, all);
  }
  const lists = all;
  const raws = query.normalize('NFC').trim().split(WORD_SPLIT).filter((w) => w !== '' && searchSkeleton(w) !== '').slice(0, 8);
  const typed = query.normalize('NFC').trim().toLowerCase().split(WORD_SPLIT).filter(Boolean);
  const skeletons = raws.map((r) => searchSkeleton(r));
  const scored: { i: number; score: number }[] = [];
  voters.forEach((v, i) => {
    const words = lists[i]!;
    let score = 0;
    for (let k = 0; k < raws.length; k += 1) {
      const prefixes = prefixesOf(raws[k]!);
      let best = -1;
      for (const w of words) if (prefixes.some((p) => w.key.startsWith(p))) best = Math.max(best, w.weight + (w.key === skeletons[k] ? 5 : 0));
      if (best < 0) return;
      score += best;
    }
    if (typed.includes(v.surname.toLowerCase())) score += 2;
    if (skeletons.length > 1) {
      // Each typed word takes a different word of the name (or none): the best such assignment, +10 when all have one.
      const pair = (k: number, w: number) => (words[w]!.key.startsWith(skeletons[k]!) ? words[w]!.weight + (words[w]!.key === skeletons[k] ? 5 : 0) : -1);
      const greedy = skeletons.map((_, k) => Math.max(-1, ...words.map((_w, w) => pair(k, w))));
      if (greedy.every((g) => g >= 0)) {
        let best = 0;
        const go = (k: number, used: Set<number>, sum: number, all: boolean): void => {
          if (k === skeletons.length) {
            best = Math.max(best, sum + (all ? 10 : 0));
            return;
          }
          words.forEach((_w, w) => {
            const s = pair(k, w);
            if (!used.has(w) && s >= 0) go(k + 1, new Set([...used, w]), sum + s, all);
          });
          go(k + 1, used, sum, false);
        };
        go(0, new Set(), 0, true);
        score += best - greedy.reduce((a, b) => a + b, 0);
      }
    }
    scored.push({ i, score });
  });
  const order = (i: number) => voters[i]!.page * 100_001 + voters[i]!.row;
  return scored.sort((a, b) => b.score - a.score || order(a.i) - order(b.i) || a.i - b.i).map((s) => s.i);
}

const LOOK_ALIKE: Record<string, string> = { С: 'C', Р: 'P', А: 'A', О: 'O', Е: 'E', К: 'K', М: 'M', Н: 'H', Т: 'T', Х: 'X', с: 'c', о: 'o', а: 'a', е: 'e', р: 'p' };

/** A generated list as files hold it: some surnames with a Latin look-alike letter, some names with ң ө ү lost ('?'). */
function heldList(count: number, seed: number): VoterRecord[] {
  return generateVoters(count, seed).map((v, i) => {
    if (i % 7 === 3) {
      const at = [...v.surname].findIndex((c, k) => k > 0 && LOOK_ALIKE[c] !== undefined);
      const first = LOOK_ALIKE[v.surname[0]!];
      if (first) return { ...v, surname: first + v.surname.slice(1) };
      if (at > 0) return { ...v, surname: v.surname.slice(0, at) + LOOK_ALIKE[v.surname[at]!]! + v.surname.slice(at + 1) };
    }
    if (i % 11 === 5) return { ...v, surname: v.surname.replace(/[ңөү]/gu, '?'), name: v.name.replace(/[ңөү]/gu, '?') };
    return v;
  });
}

/** Queries as members type them, key by key: name and surname prefixes (a one-letter one too), three words, words swapped, look-alike Latin letters typed. */
function typedQueries(voters: readonly VoterRecord[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i += 1) {
    const v = voters[(i * 7919) % voters.length]!;
    const clean = (s: string) => s.replace(/[?]/gu, 'ү');
    const surname = clean(v.surname).toLowerCase();
    const name = clean(v.name).toLowerCase();
    const patronymic = clean(v.patronymic).toLowerCase();
    const cut = (s: string, k: number) => s.slice(0, Math.max(1, k));
    switch (i % 5) {
      case 0: {
        const q = `${cut(name, 3)} ${cut(surname, 3)}`;
        for (let k = 1; k <= q.length; k += 1) out.push(q.slice(0, k));
        break;
      }
      case 1:
        out.push(`${cut(surname, 1 + (i % 6))} ${cut(name, 1 + (i % 4))}`);
        break;
      case 2:
        out.push(`${cut(name, 2)} ${cut(patronymic || name, 2)} ${cut(surname, 2)}`);
        break;
      case 3:
        out.push([...`${cut(surname, 4)} ${cut(name, 1)}`].map((c) => (c === 'с' ? 'c' : c === 'о' ? 'o' : c)).join(''));
        break;
      default:
        out.push(`${surname} ${cut(name, 1)}`);
    }
  }
  return out;
}

describe('name search equals a brute-force reading of the rules on generated lists', () => {
  for (const [count, seed] of [
    [2500, 19_001],
    [1200, 19_002],
  ] as const) {
    const voters = heldList(count, seed);
    const byRecords = new VoterSearchIndex(voters);
    const packed = new VoterSearchIndex(new PackedVoters(packVoters(voters)), byRecords.toStored());
    it(`${count} voters (seed ${seed}): the same voters in the same order, and the true count`, () => {
      let checked = 0;
      for (const q of typedQueries(voters, 400)) {
        const expected = bruteForce(voters, q);
        if (expected.length === 0) continue; // the index then tries the other keyboard layout: not this rule
        for (const index of [byRecords, packed]) {
          const got = index.searchCounted(q, 50);
          expect([q, got.total]).toEqual([q, expected.length]);
          expect([q, got.hits.map((h) => h.index)]).toEqual([q, expected.slice(0, 50)]);
        }
        checked += 1;
      }
      expect(checked).toBeGreaterThan(300);
    }, 120_000);
  }
});
