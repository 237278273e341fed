import { describe, expect, it } from 'vitest';
import { bundleReplacementRefusal, checkBundle, readBundle, sealBundle, setupFromBundle, type CheckedBundle, type ElectionBundleInput } from '../../../../shared/election/bundle';
import { electionSetupSchema } from '../../../../shared/election/model';
import { KG_2017_PRESIDENTIAL_FORM } from '../../../../shared/protocol/builtin';
import { demoBundle } from '../../../../shared/election/demo';

const text = (b: unknown) => JSON.stringify(b);

async function problems(input: string) {
  const result = await readBundle(input);
  if (result.ok) throw new Error('expected the bundle to be refused');
  return result.error;
}

describe('election bundle', () => {
  it('the demo bundle is valid: 37 precincts abroad with 18,580 voters', async () => {
    const result = await readBundle(text(demoBundle()));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { bundle, hash } = result.value;
    expect(bundle.precincts).toHaveLength(37);
    expect(bundle.precincts.reduce((s, p) => s + (p.voterCount ?? 0), 0)).toBe(18580);
    expect(bundle.precincts[0]).toMatchObject({ number: 9001, name: 'Москва ш.', voterCount: 6707, timeZone: 'Europe/Moscow' });
    expect(bundle.precincts.find((p) => p.number === 9028)?.name).toBe('Казакстан Астана ш.');
    expect(hash).toMatch(/^[0-9a-f]{64}$/u);
  });

  it('refuses U+0000 in any text (the center cannot store it), naming where', async () => {
    const b = demoBundle();
    const first = b.precincts[0];
    if (!first) throw new Error('no precinct');
    first.name = 'Москва\u0000 ш.';
    expect(await problems(text(b))).toEqual([{ code: 'invalid-value', path: 'precincts.0.name', detail: 'U+0000' }]);
  });

  it('voting hours may close at 24:00 (the end of the day), never open then; opening must come before closing', async () => {
    const withHours = (from: string, to: string) => {
      const b = demoBundle();
      return text({ ...b, election: { ...b.election, votingHours: { from, to } } });
    };
    expect((await readBundle(withHours('00:00', '24:00'))).ok).toBe(true);
    expect((await readBundle(withHours('08:00', '23:59'))).ok).toBe(true);
    expect(await problems(withHours('24:00', '24:00'))).toContainEqual(expect.objectContaining({ code: 'invalid-time', path: 'election.votingHours.from' }));
    expect(await problems(withHours('08:00', '24:30'))).toContainEqual(expect.objectContaining({ code: 'invalid-time', path: 'election.votingHours.to' }));
    expect(await problems(withHours('20:00', '08:00'))).toEqual([{ code: 'hours-order', path: 'election.votingHours' }]);
    // The turnout report times stay times of a day: 24:00 is not one.
    const b = demoBundle();
    expect(await problems(text({ ...b, election: { ...b.election, turnoutReportTimes: ['24:00'] } }))).toContainEqual(expect.objectContaining({ code: 'invalid-time' }));
  });

  it('the hash does not depend on key order or white space', async () => {
    const a = await readBundle(text(demoBundle()));
    const reordered = Object.fromEntries(Object.entries(demoBundle()).reverse());
    const b = await readBundle(JSON.stringify(reordered, null, 2));
    expect(a.ok && b.ok && a.value.hash === b.value.hash).toBe(true);
  });

  it('format 2: Form 2 at the precinct (precinct.form2) loads into the setup; format 1 bundles still load; format 1 cannot carry it', async () => {
    const v2 = await checkBundle(demoBundle());
    expect(v2.ok).toBe(true);
    if (!v2.ok) return;
    expect(v2.value.bundle.formatVersion).toBe(2);
    const setup = setupFromBundle(v2.value, 9004, 'demo', null)!;
    expect(setup.precinct.form2).toEqual({ place: 'Кыргыз Республикасынын Владивостоктогу консулдугу (демо)', deadline: { date: '2017-09-25', time: '18:00' } });
    expect(electionSetupSchema.safeParse(setup).success).toBe(true);
    expect(setupFromBundle(v2.value, 9001, 'demo', null)!.precinct.form2).toBeUndefined();
    // An old bundle (format 1, no form2) loads as before.
    const { precincts, ...rest } = demoBundle();
    const old = { ...rest, formatVersion: 1, precincts: precincts.map(({ form2: _form2, ...p }) => p) };
    const v1 = await checkBundle(old);
    expect(v1.ok).toBe(true);
    // Format 1 with the format 2 field: refused, naming the precinct.
    const index = precincts.findIndex((p) => p.number === 9004);
    expect(await problems(text({ ...demoBundle(), formatVersion: 1 }))).toEqual([{ code: 'form2-needs-format-2', path: `precincts.${index}` }]);
    // Its deadline after voting day, a bad date, an unknown field: refused.
    const late = demoBundle();
    late.precincts[index] = { ...late.precincts[index]!, form2: { deadline: { date: '2017-10-16' } } };
    expect(await problems(text(late))).toEqual([{ code: 'form2-after-voting-day', path: `precincts.${index}.form2.deadline.date` }]);
    late.precincts[index] = { ...late.precincts[index]!, form2: { deadline: { date: '2017-09-31' }, note: 'x' } as never };
    expect((await problems(text(late))).map((p) => p.code).sort()).toEqual(['invalid-date', 'unknown-field']);
    expect((await problems(text({ ...demoBundle(), formatVersion: 3 })))[0]).toMatchObject({ code: 'unsupported-version' });
  });

  it('refuses an empty file and a file that is not JSON', async () => {
    expect(await problems('')).toEqual([{ code: 'empty', path: '' }]);
    const bad = await problems('{"format": "precinct-desk/election-bundle",');
    expect(bad[0]?.code).toBe('not-json');
  });

  it('refuses JSON that is not a bundle, or of an unknown format version', async () => {
    expect((await problems('[1,2,3]'))[0]?.code).toBe('not-a-bundle');
    expect((await problems(text({ ...demoBundle(), formatVersion: 7 })))[0]).toMatchObject({ code: 'unsupported-version', path: 'formatVersion' });
  });

  it('names a voting day that is not a date', async () => {
    const b = demoBundle();
    const found = await problems(text({ ...b, election: { ...b.election, votingDay: '2017-02-30' } }));
    expect(found).toContainEqual({ code: 'invalid-date', path: 'election.votingDay' });
  });

  it('names duplicate candidate positions', async () => {
    const b = demoBundle();
    const candidates = b.candidates.map((c, i) => (i === 2 ? { ...c, position: 1 } : c));
    expect(await problems(text({ ...b, candidates }))).toContainEqual({ code: 'duplicate-position', path: 'candidates.2.position' });
  });

  it('names missing fields, wrong types, unknown fields and a bad time zone', async () => {
    const b = demoBundle();
    const { issuer: _issuer, ...withoutIssuer } = b;
    expect(await problems(text(withoutIssuer))).toContainEqual({ code: 'required', path: 'issuer' });
    const precincts = b.precincts.map((p, i) => (i === 1 ? { ...p, number: '9002' } : i === 3 ? { ...p, timeZone: 'Mars/Olympus' } : p));
    const found = await problems(text({ ...b, precincts, extra: 1 }));
    expect(found).toContainEqual({ code: 'wrong-type', path: 'precincts.1.number' });
    expect(found).toContainEqual({ code: 'invalid-time-zone', path: 'precincts.3.timeZone' });
    expect(found).toContainEqual({ code: 'unknown-field', path: '', detail: 'extra' });
  });

  it('names duplicate precinct numbers and a second chair', async () => {
    const b = demoBundle();
    const precincts = b.precincts.map((p, i) => (i === 5 ? { ...p, number: 9001 } : p));
    const first = precincts[0]!;
    precincts[0] = { ...first, members: [...(first.members ?? []), { id: 'x', name: 'Экинчи Төрага', role: 'chair' }] };
    const found = await problems(text({ ...b, precincts }));
    expect(found).toContainEqual({ code: 'duplicate-precinct', path: 'precincts.5.number' });
    expect(found).toContainEqual({ code: 'second-chair', path: 'precincts.0.members.5.role' });
  });

  it('accepts a sealed bundle and refuses it once a figure is changed (tampering)', async () => {
    const sealed = await sealBundle(demoBundle());
    expect((await readBundle(text(sealed))).ok).toBe(true);
    const tampered: ElectionBundleInput = { ...sealed, precincts: sealed.precincts.map((p, i) => (i === 0 ? { ...p, voterCount: 9999 } : p)) };
    expect(await problems(text(tampered))).toEqual([{ code: 'tampered', path: 'integrity.digest' }]);
  });

  it('makes a setup for one precinct of the bundle', async () => {
    const checked = await checkBundle(demoBundle());
    if (!checked.ok) throw new Error('invalid');
    const setup = setupFromBundle(checked.value, 9019, 'bundle', 'demo.json');
    expect(setup?.precinct).toMatchObject({ number: 9019, name: 'Япония', timeZone: 'Asia/Tokyo', voterCount: 69 });
    expect(setup?.members.map((m) => m.role)).toEqual(['chair', 'deputy', 'secretary', 'member', 'member']);
    expect(setup?.source).toEqual({ kind: 'bundle', bundleHash: checked.value.hash, bundleVersion: 1, fileName: 'demo.json' });
    expect(setupFromBundle(checked.value, 9005, 'bundle', null)).toBeNull();
  });
});

describe('a protocol form in the bundle', () => {
  const form = (): Record<string, unknown> => JSON.parse(JSON.stringify(KG_2017_PRESIDENTIAL_FORM)) as Record<string, unknown>;

  it('replaces the built-in form in the setup, and a setup with it still parses', async () => {
    const official = { ...form(), id: 'kg-2017-cec-320', provisional: false, version: 3 };
    const checked = await readBundle(text(await sealBundle({ ...demoBundle(), protocolForm: official })));
    if (!checked.ok) throw new Error(JSON.stringify(checked.error));
    const setup = setupFromBundle(checked.value, 9001, 'bundle', null);
    expect(setup?.protocolForm).toMatchObject({ id: 'kg-2017-cec-320', version: 3, provisional: false });
    expect(electionSetupSchema.parse(setup)).toEqual(setup);
    // Without one, the setup has none (the built-in form applies).
    const plain = await checkBundle(demoBundle());
    if (!plain.ok) throw new Error('invalid');
    expect(setupFromBundle(plain.value, 9001, 'bundle', null)).not.toHaveProperty('protocolForm');
  });

  it('refuses a form with an unknown line in a formula or a duplicate line number, naming them', async () => {
    const bad = form() as { lines: { number: number }[]; relations: { right: unknown[] }[] };
    bad.lines[2]!.number = 2;
    bad.relations[1]!.right = ['C', 'D', 'Z'];
    const found = await problems(text({ ...demoBundle(), protocolForm: bad }));
    expect(found.map((p) => [p.code, p.path, p.form?.code, p.form?.params])).toEqual([
      ['protocol-form', 'protocolForm.lines.2.number', 'duplicate-number', { path: 'lines.2.number', line: 'C', number: 2 }],
      ['protocol-form', 'protocolForm.relations.1.right.2', 'unknown-line', { path: 'relations.1.right.2', relation: 'ballot-balance', line: 'Z' }],
    ]);
  });

  it('reports form problems together with the bundle\'s own', async () => {
    const found = await problems(text({ ...demoBundle(), issuer: '', protocolForm: { ...form(), lines: [] } }));
    expect(found.map((p) => p.code)).toEqual(['too-small', 'protocol-form']);
    const setupBad = electionSetupSchema.safeParse({ ...setupFromBundle((await checkBundle(demoBundle()) as { ok: true; value: CheckedBundle }).value, 9001, 'demo', null), protocolForm: { ...form(), relations: [{ ...(form().relations as object[])[0], left: ['Q'] }] } });
    expect(setupBad.success).toBe(false);
  });
});

describe('only a newer bundle replaces the active one', () => {
  async function checked(input: ElectionBundleInput): Promise<CheckedBundle> {
    const r = await readBundle(JSON.stringify(await sealBundle(input)));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  }
  it('refuses an older version and the same version with other content; takes a newer one, the same one, another election and any over a setup by hand', async () => {
    const v1 = await checked(demoBundle() as ElectionBundleInput);
    const v2 = await checked({ ...demoBundle(), bundleVersion: 2 } as ElectionBundleInput);
    const v2other = await checked({ ...demoBundle({ votingDay: '2026-12-07' }), bundleVersion: 2 } as ElectionBundleInput);
    const v3 = await checked({ ...demoBundle(), bundleVersion: 3 } as ElectionBundleInput);
    const active = setupFromBundle(v2, 9019, 'bundle', 'v2.json')!;
    expect(bundleReplacementRefusal(active, v1)).toEqual({ code: 'bundle-not-newer', active: 2, offered: 1 });
    expect(bundleReplacementRefusal(active, v2other)).toEqual({ code: 'bundle-not-newer', active: 2, offered: 2 });
    expect(bundleReplacementRefusal(active, v2)).toBeNull();
    expect(bundleReplacementRefusal(active, v3)).toBeNull();
    expect(bundleReplacementRefusal(null, v1)).toBeNull();
    const other = await checked({ ...demoBundle(), election: { ...demoBundle().election, id: 'another-election-2027' } } as ElectionBundleInput);
    expect(bundleReplacementRefusal(active, other)).toBeNull();
    const byHand = { ...active, source: { kind: 'manual' as const, bundleHash: null, bundleVersion: null, fileName: null } };
    expect(bundleReplacementRefusal(byHand, v1)).toBeNull();
  });
});
