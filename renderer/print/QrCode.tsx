/** A QR code drawn as SVG: crisp on screen, on paper and in the PDF at any size. */
import { useMemo } from 'react';
import { qrMatrix, qrPath } from './qr-matrix';

const QUIET = 4;

export function QrCode({ text, sizeMm = 45, label, testId }: { text: string; sizeMm?: number; label?: string; testId?: string }) {
  const matrix = useMemo(() => qrMatrix(text), [text]);
  const view = matrix.size + QUIET * 2;
  return (
    <figure className="qr" data-testid={testId}>
      <svg
        viewBox={`0 0 ${view} ${view}`}
        width={`${sizeMm}mm`}
        height={`${sizeMm}mm`}
        shapeRendering="crispEdges"
        role="img"
        aria-label={label ?? 'QR'}
      >
        <rect width={view} height={view} fill="#fff" />
        <path d={qrPath(matrix, QUIET)} fill="#000" />
      </svg>
      {label && <figcaption>{label}</figcaption>}
    </figure>
  );
}
