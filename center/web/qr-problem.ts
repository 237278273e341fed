/** A protocol read from QR codes: why the center refused it, in words. */
import { t } from './i18n';

export function qrProblem(r: { code: string; detail: string | null }): string {
  const detail = r.detail ?? '';
  switch (r.code) {
    case 'qr-invalid':
      if (detail.includes('no-code-found')) return t('qrNoCode');
      if (detail.includes('image-unreadable')) return t('qrImageBad');
      if (detail.includes('image-too-large')) return t('qrImageLarge');
      if (detail.includes('missing-chunk')) return t('qrMissing');
      return t('qrInvalid');
    case 'hash-mismatch':
      return t('qrHash');
    case 'bad-signature':
      return t('qrSignature');
    case 'not-found': {
      // The election or precinct the codes name, as the center read them (center/src/protocol-qr.ts).
      const precinct = /^precinct (\d+) of election (.+)$/su.exec(detail);
      if (precinct) return t('qrUnknownPrecinct', { p: precinct[1] ?? '', id: precinct[2] ?? '' });
      const election = /^election (.+)$/su.exec(detail);
      if (election) return t('qrUnknownElection', { id: election[1] ?? '' });
      return t('qrUnknown');
    }
    case 'unauthorized':
      return t('errUnauthorized');
    case 'network':
      return t('errNetwork');
    default:
      return r.code + (detail ? ` (${detail})` : '');
  }
}
