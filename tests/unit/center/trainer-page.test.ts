/**
 * The trainer's screen: the same words in ky, ru and en (its own and the app's it names by key: every
 * scenario's title, steps and check details, the protocol's findings), its CSP allowing exactly its
 * inline script and style, and a scenario-4 mistake's report turned into words with no raw code.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TRAINER_CSP, TRAINER_LANGUAGES, TRAINER_STRINGS, trainerPageHtml } from '../../../center/src/trainer-page';
import { SCENARIOS, UNBALANCED_DRAFT, scenarioById } from '../../../shared/training/scenarios';
import { roomReportBodySchema, roomSteps, verdictOf, ROOM_REPORT_FORMAT } from '../../../shared/training/room';
import type { StepResult } from '../../../shared/training/scenarios';

const html = trainerPageHtml();

describe('trainer page', () => {
  it('has the same non-empty keys in Kyrgyz, Russian and English, each scenario and step named', () => {
    const keys = Object.keys(TRAINER_STRINGS.ky).sort();
    for (const lang of TRAINER_LANGUAGES) {
      expect(Object.keys(TRAINER_STRINGS[lang]).sort().filter((k) => !/_(zero|one|two|few|many|other)$/u.test(k)), lang).toEqual(keys.filter((k) => !/_(zero|one|two|few|many|other)$/u.test(k)));
      for (const s of SCENARIOS) {
        expect(TRAINER_STRINGS[lang][`${s.titleKey}`], `${lang} ${s.id}`).toBeTruthy();
        for (const step of s.steps) expect(TRAINER_STRINGS[lang][step.key], `${lang} ${step.key}`).toBeTruthy();
      }
      for (const v of ['none', 'in-progress', 'passed', 'mistake']) expect(TRAINER_STRINGS[lang][`trainer:verdict.${v}`]).toBeTruthy();
    }
    for (const key of [...html.matchAll(/data-i18n="([^"]+)"/gu)].map((m) => m[1] ?? '')) expect(TRAINER_STRINGS.ky[`trainer:${key}`], key).toBeTruthy();
  });

  it('allows exactly its inline script and style by hash, nothing external', () => {
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/gu)].map((m) => m[1] ?? '');
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/gu)].map((m) => m[1] ?? '');
    expect(scripts).toHaveLength(1);
    expect(styles).toHaveLength(1);
    const hash = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');
    expect(TRAINER_CSP).toContain(`'sha256-${hash(scripts[0]!)}'`);
    expect(TRAINER_CSP).toContain(`'sha256-${hash(styles[0]!)}'`);
    expect(html).not.toMatch(/(src|href)=["']?https?:/u);
  });

  it('carries a scenario-4 mistake as keys the page has in every language, findings included', async () => {
    const scenario = scenarioById('unbalanced-protocol')!;
    const start = scenario.start(3);
    const { generateVoters } = await import('../../../shared/voters/generate');
    const voters = generateVoters(start.listSize, start.seed);
    const list = { hash: 'a'.repeat(64), voters };
    const events = [
      { type: 'VoterListActivated', payload: { counts: { voters: voters.length } } },
      ...(await start.events(list)).map((e) => ({ type: e.type, payload: e.payload })),
    ];
    const signed = { type: 'ProtocolSigned', payload: { values: { ...UNBALANCED_DRAFT }, override: { by: 'm9001-1', reason: 'түн', codes: ['ballot-balance'] } } };
    const results: StepResult[] = scenario.check([...events, signed], { startEvents: events.length, facts: start.facts(list) });
    expect(verdictOf(results)).toBe('mistake');
    const steps = roomSteps(results);
    const body = roomReportBodySchema.parse({ format: ROOM_REPORT_FORMAT, deviceId: 'd-1', sentAt: 1, scenario: { id: scenario.id, precinct: 9001 }, steps, verdict: 'mistake', commandId: null });
    const notes = body.steps.flatMap((s) => s.notes);
    expect(notes.length).toBeGreaterThan(0);
    for (const lang of TRAINER_LANGUAGES) {
      for (const s of body.steps) expect(TRAINER_STRINGS[lang][s.detailKey] ?? TRAINER_STRINGS[lang][`${s.detailKey}_other`], `${lang} ${s.detailKey}`).toBeTruthy();
      for (const n of notes) expect(TRAINER_STRINGS[lang][n.key] ?? TRAINER_STRINGS[lang][`${n.key}_other`], `${lang} ${n.key}`).toBeTruthy();
    }
    expect(verdictOf(null)).toBe('none');
    expect(verdictOf(results.map((r) => ({ ...r, done: false, correct: false })))).toBe('in-progress');
  });
});
