/**
 * Splitting one full-name cell ("Фамилиясы, аты, атасынын аты" / "Ф.И.О." / "Full name") into
 * surname, name and patronymic.
 *
 * The order is the list's: surname first. A split is *sure* only in the shapes below; every other
 * cell gets a best guess marked `doubtful` with the reason, and the import lists those rows for the
 * secretary to confirm against the paper list — never a silent guess.
 *
 * Sure shapes (words separated by spaces; commas between words are dropped; a hyphenated double
 * surname "Петрова-Водкина" is one word):
 *   Surname Name                         – no patronymic (common in Kyrgyz lists)
 *   Surname Name Father уулу|кызы        – Kyrgyz patronymic as two words (also uulu/kyzy, оглы/гызы)
 *   Surname Name Fatherович|овна|…       – Russian patronymic ending (Cyrillic and Latin spellings)
 *   Surname Name Father-уулу|-кызы       – Kyrgyz patronymic written as one hyphenated word
 * Doubtful (params.reason):
 *   'one-word'            – a single word: no name (the row is refused as missing-name).
 *   'three-words'         – a third word that is not a patronymic (a second name? a Kyrgyz patronymic
 *                           without уулу/кызы?): guessed as patronymic.
 *   'patronymic-first'    – the second word is a patronymic (name order "Name Patronymic Surname"?).
 *   'kyrgyz-no-surname'   – "Name Father уулу": guessed as surname "Father уулу", name "Name".
 *   'many-words'          – more words than the shapes above: the rest guessed as the patronymic.
 */

export interface FullNameSplit {
  surname: string;
  name: string;
  patronymic: string;
  /** null when the split is sure; else why it is a guess. */
  doubt: FullNameDoubt | null;
}

export type FullNameDoubt = 'one-word' | 'three-words' | 'patronymic-first' | 'kyrgyz-no-surname' | 'many-words';

/** The second word of a Kyrgyz (and Turkic) patronymic: "Токтогул уулу", "Асан кызы". */
const KYRGYZ_PATRONYMIC_WORD = /^(уулу|кызы|uulu|kyzy|kizi|uulu|оглы|огли|гызы|кизи|ogly|ogli|qizi|gyzy)$/iu;
/** Russian-style patronymic endings, Cyrillic and Latin. */
const RUSSIAN_PATRONYMIC = /(ович|евич|ьич|овна|евна|ична|инична|ovich|evich|ovna|evna|ichna|ovitch|ovych)$/iu;

/** A Kyrgyz patronymic written as one hyphenated word: "Токтогул-уулу", "Асан-кызы". */
const KYRGYZ_HYPHENATED = /^\p{L}{2,}-(уулу|кызы|uulu|kyzy)$/iu;

function isPatronymicWord(word: string): boolean {
  return (RUSSIAN_PATRONYMIC.test(word) && word.length > 5) || KYRGYZ_HYPHENATED.test(word);
}

function isKyrgyzParticle(word: string): boolean {
  return KYRGYZ_PATRONYMIC_WORD.test(word);
}

/** Splits a cleaned full-name cell (see the module comment). An empty cell gives empty parts, sure. */
export function splitFullName(text: string): FullNameSplit {
  const words = text
    .replace(/,/gu, ' ')
    .split(/\s+/u)
    .filter((w) => w !== '');
  const sure = (surname: string, name: string, patronymic: string): FullNameSplit => ({ surname, name, patronymic, doubt: null });
  const guess = (surname: string, name: string, patronymic: string, doubt: FullNameDoubt): FullNameSplit => ({ surname, name, patronymic, doubt });
  const n = words.length;
  if (n === 0) return sure('', '', '');
  const [a = '', b = '', c = '', d = ''] = words;
  if (n === 1) return guess(a, '', '', 'one-word');
  if (n === 2) {
    if (isPatronymicWord(b) || isKyrgyzParticle(b)) return guess(a, b, '', 'patronymic-first');
    return sure(a, b, '');
  }
  if (n === 3) {
    if (isKyrgyzParticle(c)) return guess(`${b} ${c}`, a, '', 'kyrgyz-no-surname');
    if (isKyrgyzParticle(b)) return guess(`${a} ${b}`, c, '', 'kyrgyz-no-surname');
    if (isPatronymicWord(c) && !isPatronymicWord(b)) return sure(a, b, c);
    if (isPatronymicWord(b)) return guess(c, a, b, 'patronymic-first');
    return guess(a, b, c, 'three-words');
  }
  if (n === 4 && isKyrgyzParticle(d) && !isKyrgyzParticle(c)) return sure(a, b, `${c} ${d}`);
  return guess(a, b, words.slice(2).join(' '), 'many-words');
}
