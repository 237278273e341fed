/**
 * A page or row number as lists write it (the one reading of it: the row check, the "restarts on
 * each page" and "runs across pages" judgements). Besides plain digits, what spreadsheets put in a
 * CSV for a whole number: thousands grouped by a space (a cell formatted "# ##0" on a Russian or
 * Kyrgyz Windows writes "1 234" with a no-break space; a 100,000-voter list has pages past 1,000),
 * and a decimal point or comma followed by zeros only ("12.0", "12,00": a float column of 1C or a
 * script), and an ordinal dot ("12.": a numbered list typed in Word and pasted). Nothing else: "1,234" may be 1.234 where a comma is the decimal sign, "1.5" is not whole,
 * signs and exponents are not numbers a list writes.
 */
const PLAIN = /^\d+$/u;
const GROUPED = /^\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+$/u;
const ZERO_DECIMALS = /^(\d+)[.,]0+$/u;
/** "12." — a numbered list's ordinal dot (a list typed in Word and pasted into Excel). */
const ORDINAL_DOT = /^(\d+)\.$/u;

/** The whole number `text` writes (trimmed), or null when it writes none. */
export function wholeNumber(text: string): number | null {
  const t = text.trim();
  if (PLAIN.test(t)) return Number(t);
  if (GROUPED.test(t)) return Number(t.replace(/[ \u00a0\u202f\u2009]/gu, ''));
  const z = ZERO_DECIMALS.exec(t) ?? ORDINAL_DOT.exec(t);
  return z ? Number(z[1]) : null;
}
