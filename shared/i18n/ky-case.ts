/**
 * Kyrgyz case suffixes after an interpolated word, number, time or date ("5 календардык күндөн",
 * "20:00гө", "15-октябрына"). Kyrgyz suffixes follow the last vowel (harmony) and the last sound
 * (voiced or voiceless); a number takes the suffix of its last spoken word.
 */
export type KyCase = 'dat' | 'abl' | 'gen';

const VOWELS = 'аыоуеиэөүёюя';
const VOICELESS = 'кпстфхцчшщ';

/** The last spoken word of a whole number: 15 → беш, 20 → жыйырма, 100 → жүз, 0 → нөл. */
function spokenLast(n: number): string {
  const units = ['нөл', 'бир', 'эки', 'үч', 'төрт', 'беш', 'алты', 'жети', 'сегиз', 'тогуз'];
  const tens = ['', 'он', 'жыйырма', 'отуз', 'кырк', 'элүү', 'алтымыш', 'жетимиш', 'сексен', 'токсон'];
  if (n === 0) return 'нөл';
  if (n % 10 !== 0) return units[n % 10] ?? '';
  if (n % 100 !== 0) return tens[(n % 100) / 10] ?? '';
  if (n % 1000 !== 0) return 'жүз';
  if (n % 1_000_000 !== 0) return 'миң';
  return 'миллион';
}

function lastVowel(word: string): string {
  for (let i = word.length - 1; i >= 0; i--) {
    const c = word[i] ?? '';
    if (VOWELS.includes(c)) return c;
  }
  return 'а';
}

/** The suffix for `word` (a Kyrgyz word as spoken) in case `c`. */
export function kySuffix(word: string, c: KyCase): string {
  const w = word.toLowerCase().replace(/[ьъ]+$/, '');
  const v = lastVowel(w);
  const last = w[w.length - 1] ?? 'а';
  // Open suffix vowels: а after а/ы/у (суудан), о after о, ө after ө/ү, е after е/и.
  const open = 'аыяую'.includes(v) ? 'а' : 'оё'.includes(v) ? 'о' : 'ө' === v || 'ү' === v ? 'ө' : 'е';
  const close = 'аыя'.includes(v) ? 'ы' : 'оуёю'.includes(v) ? 'у' : 'ө' === v || 'ү' === v ? 'ү' : 'и';
  const vowelEnd = VOWELS.includes(last);
  const voiceless = VOICELESS.includes(last);
  switch (c) {
    case 'dat':
      return `${voiceless ? 'к' : 'г'}${open}`;
    case 'abl':
      return `${voiceless ? 'т' : 'д'}${open}н`;
    case 'gen':
      return `${vowelEnd ? 'н' : voiceless ? 'т' : 'д'}${close}н`;
  }
}

/**
 * `text` with the case suffix added to its end. A trailing number or time ("20:00", "15") takes
 * the suffix of its last spoken word; a trailing word its own.
 */
export function kyCase(text: string, c: KyCase): string {
  const trimmed = text.trimEnd();
  const number = /(\d+)$/.exec(trimmed);
  if (number?.[1]) return `${trimmed}${kySuffix(spokenLast(Number(number[1])), c)}`;
  const word = /([\p{L}]+)$/u.exec(trimmed);
  if (word?.[1]) return `${trimmed.replace(/[ьъ]$/, '')}${kySuffix(word[1], c)}`;
  return trimmed;
}
