/**
 * QR codes as a plain matrix of dark modules (node-qrcode's encoder, used synchronously), so one
 * React document draws them as SVG for the screen, the printer and the PDF alike.
 */
import QRCode from 'qrcode';

export interface QrMatrix {
  size: number;
  /** Row-major, `true` = dark module. */
  dark: boolean[];
}

/** Byte mode, error correction M (about 15 % of the code may be damaged and still read). */
export function qrMatrix(text: string, errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H' = 'M'): QrMatrix {
  const code = QRCode.create(text, { errorCorrectionLevel });
  const size = code.modules.size;
  const dark: boolean[] = new Array<boolean>(size * size);
  for (let i = 0; i < size * size; i += 1) dark[i] = code.modules.data[i] === 1;
  return { size, dark };
}

/** One SVG path of unit squares for the dark modules, offset by the quiet zone. */
export function qrPath(matrix: QrMatrix, quiet = 4): string {
  let d = '';
  for (let y = 0; y < matrix.size; y += 1) {
    for (let x = 0; x < matrix.size; x += 1) {
      if (matrix.dark[y * matrix.size + x]) d += `M${x + quiet} ${y + quiet}h1v1h-1z`;
    }
  }
  return d;
}
