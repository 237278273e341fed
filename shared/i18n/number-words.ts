/**
 * Whole numbers in words, as a protocol writes each figure "in words" beside the digits
 * ("сан менен / жазуу менен", "цифрами / прописью"). Kyrgyz, Russian and English, 0 to 999 999 999.
 *
 * Kyrgyz writes "бир жүз", "бир миң" with the explicit "бир" (as on financial and legal papers, so a
 * word cannot be put in front) [expert]; Russian uses the feminine "одна / две" before "тысяча" and
 * the nominative of the unit noun by the number's plural category (тысяча / тысячи / тысяч).
 */
export type WordsLanguage = 'ky' | 'ru' | 'en';

export const MAX_IN_WORDS = 999_999_999;

const KY_UNITS = ['', 'бир', 'эки', 'үч', 'төрт', 'беш', 'алты', 'жети', 'сегиз', 'тогуз'];
const KY_TENS = ['', 'он', 'жыйырма', 'отуз', 'кырк', 'элүү', 'алтымыш', 'жетимиш', 'сексен', 'токсон'];

function kyBelowThousand(n: number): string[] {
  const out: string[] = [];
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  if (h > 0) out.push(KY_UNITS[h] ?? '', 'жүз');
  if (t > 0) out.push(KY_TENS[t] ?? '');
  if (u > 0) out.push(KY_UNITS[u] ?? '');
  return out;
}

function ky(n: number): string {
  if (n === 0) return 'нөл';
  const millions = Math.floor(n / 1_000_000);
  const thousands = Math.floor((n % 1_000_000) / 1000);
  const rest = n % 1000;
  const out: string[] = [];
  if (millions > 0) out.push(...kyBelowThousand(millions), 'миллион');
  if (thousands > 0) out.push(...kyBelowThousand(thousands), 'миң');
  out.push(...kyBelowThousand(rest));
  return out.join(' ');
}

const RU_UNITS_M = ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const RU_UNITS_F = ['', 'одна', 'две', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const RU_TEENS = ['десять', 'одиннадцать', 'двенадцать', 'тринадцать', 'четырнадцать', 'пятнадцать', 'шестнадцать', 'семнадцать', 'восемнадцать', 'девятнадцать'];
const RU_TENS = ['', '', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто'];
const RU_HUNDREDS = ['', 'сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот', 'восемьсот', 'девятьсот'];

function ruBelowThousand(n: number, feminine: boolean): string[] {
  const out: string[] = [];
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  if (h > 0) out.push(RU_HUNDREDS[h] ?? '');
  if (t === 1) out.push(RU_TEENS[u] ?? '');
  else {
    if (t > 1) out.push(RU_TENS[t] ?? '');
    if (u > 0) out.push((feminine ? RU_UNITS_F : RU_UNITS_M)[u] ?? '');
  }
  return out;
}

/** тысяча / тысячи / тысяч by the Russian plural category of n. */
function ruNoun(n: number, one: string, few: string, many: string): string {
  const mod100 = n % 100;
  const mod10 = n % 10;
  if (mod100 >= 11 && mod100 <= 14) return many;
  if (mod10 === 1) return one;
  if (mod10 >= 2 && mod10 <= 4) return few;
  return many;
}

function ru(n: number): string {
  if (n === 0) return 'ноль';
  const millions = Math.floor(n / 1_000_000);
  const thousands = Math.floor((n % 1_000_000) / 1000);
  const rest = n % 1000;
  const out: string[] = [];
  if (millions > 0) out.push(...ruBelowThousand(millions, false), ruNoun(millions, 'миллион', 'миллиона', 'миллионов'));
  if (thousands > 0) out.push(...ruBelowThousand(thousands, true), ruNoun(thousands, 'тысяча', 'тысячи', 'тысяч'));
  out.push(...ruBelowThousand(rest, false));
  return out.join(' ');
}

const EN_SMALL = [
  '', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen',
  'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function enBelowThousand(n: number): string[] {
  const out: string[] = [];
  const h = Math.floor(n / 100);
  const r = n % 100;
  if (h > 0) out.push(EN_SMALL[h] ?? '', 'hundred');
  if (r >= 20) out.push((EN_TENS[Math.floor(r / 10)] ?? '') + (r % 10 > 0 ? `-${EN_SMALL[r % 10] ?? ''}` : ''));
  else if (r > 0) out.push(EN_SMALL[r] ?? '');
  return out;
}

function en(n: number): string {
  if (n === 0) return 'zero';
  const millions = Math.floor(n / 1_000_000);
  const thousands = Math.floor((n % 1_000_000) / 1000);
  const rest = n % 1000;
  const out: string[] = [];
  if (millions > 0) out.push(...enBelowThousand(millions), 'million');
  if (thousands > 0) out.push(...enBelowThousand(thousands), 'thousand');
  out.push(...enBelowThousand(rest));
  return out.join(' ');
}

/** The number in words; null for what cannot be written (negative, fractional, too large). */
export function numberInWords(n: number, lng: WordsLanguage): string | null {
  if (!Number.isInteger(n) || n < 0 || n > MAX_IN_WORDS) return null;
  return lng === 'ky' ? ky(n) : lng === 'ru' ? ru(n) : en(n);
}
