/** Which field of a "connect to a center" form (the Sync screen's, the training room's) a refusal is about; null: neither. */
export function enrolFieldOf(code: string): 'url' | 'code' | null {
  if (['offline', 'bad-response', 'center-not-allowed', 'not-found', 'malformed', 'training-refused'].includes(code)) return 'url';
  if (code.startsWith('enrolment-code-')) return 'code';
  return null;
}
