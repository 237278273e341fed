import { describe, expect, it } from 'vitest';
import { decideHandover, decideItemMark, EMPTY_HANDOVER, foldHandover, handoverPayloadSchemas, handoverTerms, type HandoverFact } from '../../../../shared/handover';

const members = [{ id: 'chair' }, { id: 'm4' }];
const mark = (item: 'protocol' | 'list', handed: boolean): HandoverFact => ({ type: 'HandoverItemMarked', payload: { item, handed } });

describe('the handover act', () => {
  it('folds the ticks (the latest mark of each stands) and the record', () => {
    const s = foldHandover([mark('protocol', true), mark('list', true), mark('list', false)]);
    expect([...s.handed]).toEqual(['protocol']);
    expect(s.recorded).toBeNull();
    const rec: HandoverFact = { type: 'HandoverRecorded', payload: { escort: ['chair'], receiver: 'Иванов И., ТИК', at: '2017-10-16T00:15:00.000Z' } };
    expect(foldHandover([mark('protocol', true), rec]).recorded).toEqual(rec.payload);
  });

  it('a tick that changes nothing is refused (a second click records nothing)', () => {
    expect(decideItemMark(EMPTY_HANDOVER, 'protocol', true)).toEqual({ ok: true, value: { item: 'protocol', handed: true } });
    expect(decideItemMark(foldHandover([mark('protocol', true)]), 'protocol', true)).toEqual({ ok: false, error: { code: 'unchanged' } });
    expect(decideItemMark(EMPTY_HANDOVER, 'protocol', false)).toEqual({ ok: false, error: { code: 'unchanged' } });
  });

  it('the handover needs an escort of members, a receiver and a document ticked; its time is the command’s clock', () => {
    const now = new Date('2017-10-16T00:15:00.000Z');
    const ticked = foldHandover([mark('protocol', true)]);
    expect(decideHandover(ticked, { escort: ['chair', 'chair', 'm4'], receiver: '  Иванов И., ТИК ' }, members, now)).toEqual({
      ok: true, value: { escort: ['chair', 'm4'], receiver: 'Иванов И., ТИК', at: now.toISOString() },
    });
    expect(decideHandover(EMPTY_HANDOVER, { escort: [], receiver: ' ' }, members, now)).toEqual({ ok: false, error: [{ code: 'no-escort' }, { code: 'no-receiver' }, { code: 'nothing-handed' }] });
    expect(decideHandover(ticked, { escort: ['x'], receiver: 'R' }, members, now)).toEqual({ ok: false, error: [{ code: 'unknown-member' }] });
    expect(handoverPayloadSchemas.HandoverItemMarked.safeParse({ item: 'rocket', handed: true }).success).toBe(false);
  });

  it('records the escort beyond the commission, packet and seal numbers (trimmed, left out when empty)', () => {
    const ticked = foldHandover([mark('protocol', true)]);
    const now = new Date('2017-10-16T00:15:00Z');
    const r = decideHandover(ticked, { escort: ['chair'], receiver: 'Иванов И.', escortOthers: ' Петров П. (полиция) ', packets: 'П-1, П-2', seals: ' ' }, members, now);
    expect(r).toEqual({ ok: true, value: { escort: ['chair'], receiver: 'Иванов И.', escortOthers: 'Петров П. (полиция)', packets: 'П-1, П-2', at: now.toISOString() } });
    if (r.ok) expect(handoverPayloadSchemas.HandoverRecorded.parse(r.value)).toEqual(r.value);
  });

  it('terms: at home the territorial commission by 06:00 next morning; abroad what the bundle says, else nothing assumed', () => {
    const home = { number: 1001, territorialCommission: 'Ленин районунун АШК', timeZone: 'Asia/Bishkek' };
    expect(handoverTerms(home, '2017-10-15')).toEqual({ receiver: 'Ленин районунун АШК', route: null, deadline: new Date('2017-10-16T00:00:00Z'), abroad: false });
    const abroad = { number: 9019, territorialCommission: 'Бишкек шаардык АШК', timeZone: 'Asia/Tokyo' };
    expect(handoverTerms(abroad, '2017-10-15')).toEqual({ receiver: null, route: null, deadline: null, abroad: true });
    const bundled = { ...abroad, handover: { receiver: 'Бишкек шаардык АШК', route: 'Элчилик → ТИМ → АШК', deadline: { daysAfterVotingDay: 3, time: '18:00' } } };
    expect(handoverTerms(bundled, '2017-10-15')).toEqual({ receiver: 'Бишкек шаардык АШК', route: 'Элчилик → ТИМ → АШК', deadline: new Date('2017-10-18T09:00:00Z'), abroad: true });
  });
});
