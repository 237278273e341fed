import { describe, expect, it } from 'vitest';
import { updateHold } from '../../../shared/update/hold';

const at = (iso: string, protocolSigned = false, timeZone = 'Asia/Bishkek') => updateHold({ now: new Date(iso), votingDay: '2026-12-13', timeZone, protocolSigned });

describe('updateHold', () => {
  it('holds on voting day and the next day until the protocol is signed, in the precinct time zone', () => {
    // Bishkek is UTC+6: 18:30 UTC on the 12th is 00:30 on voting day.
    expect(at('2026-12-12T17:59:00Z')).toEqual({ hold: false });
    expect(at('2026-12-12T18:30:00Z')).toEqual({ hold: true, reason: 'voting-day' });
    expect(at('2026-12-13T17:59:00Z')).toEqual({ hold: true, reason: 'voting-day' });
    expect(at('2026-12-13T18:00:00Z')).toEqual({ hold: true, reason: 'count-not-signed' });
    expect(at('2026-12-14T17:59:00Z')).toEqual({ hold: true, reason: 'count-not-signed' });
    expect(at('2026-12-14T18:00:00Z')).toEqual({ hold: false });
  });

  it('lifts once the protocol is signed', () => {
    expect(at('2026-12-13T16:00:00Z', true)).toEqual({ hold: false });
    expect(at('2026-12-14T02:00:00Z', true)).toEqual({ hold: false });
  });

  it('reads the day where the precinct is (a precinct abroad)', () => {
    // 03:00 UTC on the 13th is still the 12th in New York: no hold there yet.
    expect(at('2026-12-13T03:00:00Z', false, 'America/New_York')).toEqual({ hold: false });
    expect(at('2026-12-13T03:00:00Z', false, 'Asia/Bishkek')).toEqual({ hold: true, reason: 'voting-day' });
  });
});
