import { describe, expect, it } from 'vitest';
import { modeMarkerOf } from '../../../renderer/features/training/mode-marker';

describe('the top bar\'s mode marker', () => {
  it('says "real election" for a bundle or an election entered by hand, "demonstration" for the demo, nothing of its own in training', () => {
    expect(modeMarkerOf(false, 'bundle')).toBe('real');
    expect(modeMarkerOf(false, 'manual')).toBe('real');
    expect(modeMarkerOf(false, 'demo')).toBe('demo');
    expect(modeMarkerOf(true, 'bundle')).toBe('training');
    expect(modeMarkerOf(true, 'demo')).toBe('training');
  });
});
