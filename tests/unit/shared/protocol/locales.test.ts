/** Every code the protocol domain can produce has a message in ky, ru and en with the same placeholders. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../../../locales/en/protocol.json';
import ky from '../../../../locales/ky/protocol.json';
import ru from '../../../../locales/ru/protocol.json';
import enProfile from '../../../../locales/en/profile.json';
import kyProfile from '../../../../locales/ky/profile.json';
import ruProfile from '../../../../locales/ru/profile.json';
import { KG_2017_PRESIDENTIAL_FORM } from '../../../../shared/protocol/builtin';
import { PROTOCOL_EVENT_TYPES, PROTOCOL_MARKS } from '../../../../shared/protocol/events';
import { findingCodes } from '../../../../shared/protocol/relations';
import i18next from 'i18next';
import { formatNumber } from '../../../../shared/i18n/format';

type Tree = Record<string, Record<string, string>>;
const LANGS: Record<string, Tree> = { ky, ru, en };
const root = join(__dirname, '../../../..');
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*(?:,[^}]*)?\}\}/gu)].map((m) => m[1]).sort();

function unionCodes(file: string, typeName: string): string[] {
  const source = readFileSync(join(root, 'shared/protocol', file), 'utf8');
  const body = new RegExp(`export type ${typeName} =([\\s\\S]+?);\\n`, 'u').exec(source)?.[1] ?? '';
  return [...body.matchAll(/code: '([a-z-]+)'|^\s*\|\s*'([a-z-]+)'/gmu)].map((m) => m[1] ?? m[2] ?? '');
}

/** A message, or the `_other` form of a plural message (i18next plural keys). */
const message = (tree: Tree, group: string, code: string): string | undefined => tree[group]?.[code] ?? tree[group]?.[`${code}_other`];

function expectKey(group: string, code: string) {
  for (const [lang, tree] of Object.entries(LANGS)) {
    const text = message(tree, group, code);
    expect(text, `${lang} protocol:${group}.${code}`).toBeTruthy();
    expect(placeholders(text ?? ''), `${lang} ${group}.${code} placeholders`).toEqual(placeholders(message(en as unknown as Tree, group, code) ?? ''));
  }
}

describe('protocol messages', () => {
  it('every finding code of the built-in form and of the engine has a message and an explanation', () => {
    const codes = findingCodes(KG_2017_PRESIDENTIAL_FORM);
    expect(codes.length).toBeGreaterThan(15);
    for (const code of codes) {
      expectKey('finding', code);
      expectKey('explanation', code);
    }
    for (const rel of KG_2017_PRESIDENTIAL_FORM.relations) expect(rel.explanation).toBe(`protocol:explanation.${rel.code}`);
  });

  it('every form-definition problem, ledger invariant, signing and correction refusal and QR problem has a message', () => {
    const groups: [string, string[]][] = [
      ['formProblem', unionCodes('form.ts', 'FormProblemCode')],
      ['ledger', unionCodes('ledger.ts', 'LedgerInvariantCode')],
      ['signing', unionCodes('signing.ts', 'SigningRefusal')],
      ['correction', unionCodes('signing.ts', 'CorrectionRefusal')],
      ['qr', [...unionCodes('qr-payload.ts', 'QrProblem'), ...unionCodes('qr-payload.ts', 'QrFormProblem')]],
      ['mark', [...PROTOCOL_MARKS]],
    ];
    for (const [group, codes] of groups) {
      expect(codes.length, group).toBeGreaterThan(2);
      for (const code of codes) expectKey(group, code);
    }
  });

  it('no message is left without a code (no stale keys)', () => {
    const known = new Set(findingCodes(KG_2017_PRESIDENTIAL_FORM));
    expect(Object.keys(en.finding).map((k) => k.replace(/_(zero|one|two|few|many|other)$/u, '')).filter((k) => !known.has(k))).toEqual([]);
  });

  it('every protocol event type has a name in the event history', () => {
    const profiles: Record<string, { event: Record<string, string> }> = { ky: kyProfile, ru: ruProfile, en: enProfile };
    for (const type of PROTOCOL_EVENT_TYPES) {
      for (const [lang, p] of Object.entries(profiles)) expect(p.event[type], `${lang} ${type}`).toBeTruthy();
    }
  });
});

describe('finding messages write their figures as the rest of the screen does', () => {
  it('990000 reads "990 000" in ky, ru and en style, whatever the finding (the app\'s "n" formatter)', async () => {
    for (const [lng, tree] of Object.entries(LANGS)) {
      const i18n = i18next.createInstance();
      await i18n.init({ resources: { [lng]: { protocol: tree } }, lng, ns: ['protocol'], interpolation: { escapeValue: false } });
      i18n.services.formatter?.add('n', (value: unknown, l: string | undefined) => (typeof value === 'number' ? formatNumber(value, l ?? lng) : String(value)));
      const figures = { leftLines: '2', rightLines: '3, 4', left: 990000, right: 1234567, difference: 244567, count: 244567, line: '2' };
      for (const code of Object.keys(tree.finding ?? {})) {
        const text = i18n.t(`protocol:finding.${code.replace(/_(one|few|many|other)$/u, '')}`, figures);
        for (const raw of ['990000', '1234567', '244567']) expect(text, `${lng} ${code}`).not.toContain(raw);
      }
      expect(i18n.t('protocol:finding.ballot-balance', figures)).toContain(formatNumber(990000, lng));
    }
  });
});
