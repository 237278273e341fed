/**
 * The large-text setting: the whole UI's base size (100 % = 16 px, 125 %, 150 %), kept in this
 * profile (and in backups) and applied before the first render, so it holds across restarts.
 * Every screen size is in rem, so the root size scales all of it; printed pages use pt and do not move.
 */
export const TEXT_SIZES = [100, 125, 150] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export const TEXT_SIZE_KEY = 'precinct-desk.textSize';

export function storedTextSize(): TextSize {
  try {
    const n = Number(localStorage.getItem(TEXT_SIZE_KEY));
    return (TEXT_SIZES as readonly number[]).includes(n) ? (n as TextSize) : 100;
  } catch {
    return 100;
  }
}

export function applyTextSize(size: TextSize = storedTextSize()): void {
  document.documentElement.style.fontSize = `${size}%`;
}

export function setTextSize(size: TextSize): void {
  localStorage.setItem(TEXT_SIZE_KEY, String(size));
  applyTextSize(size);
}
