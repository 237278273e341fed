/** The marker of the top bar: training, the demonstration in the real database, or the real election. */
export type ModeMarkerKind = 'training' | 'demo' | 'real';

export function modeMarkerOf(training: boolean, sourceKind: 'bundle' | 'demo' | 'manual'): ModeMarkerKind {
  if (training) return 'training';
  return sourceKind === 'demo' ? 'demo' : 'real';
}
