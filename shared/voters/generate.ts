/**
 * Deterministic, realistic voter lists for the demo, training, tests and benchmarks.
 *
 *   generateVoters(count, seed, options?) → VoterRecord[]   (same count + seed → same list)
 *   votersToRows(voters, options?)        → string[][]      (header row + one row per voter)
 *   votersToCsv(voters, options?)         → string          (';' by default, CRLF, RFC 4180 quoting)
 *
 * The list: Kyrgyz (≈ 75 %) and Russian names with ң ө ү, families sharing a surname and an address,
 * ≈ 12 % of Kyrgyz voters written "<father> уулу / кызы" with no patronymic; pages of 20 rows; ages
 * 18–90 on the voting day (default 2017-10-15); ≈ 4 % birth year only (never someone turning 18 in
 * the election year); documents 'ID'/'AN' + 7 digits (unique); ПИН = sex digit (1 female, 2 male) +
 * DDMMYYYY + 5-digit serial (unique for count ≤ 100,000), missing for ≈ 2 % (they get a `doc:` id);
 * ≈ 0.5 % hospital and ≈ 0.2 % custody marks. Ids follow the production rule (`voterIdentity`).
 * Every generated list passes `validateVoterRows` without a problem (tested).
 */
import { addDays, makeIsoDate, type IsoDate } from '../time/date';
import { voterIdentity } from './identity';
import type { VoterMark, VoterRecord } from './validate';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KY_SURNAMES = [
  'Асанов', 'Үсөнов', 'Токтогулов', 'Жээнбеков', 'Маматов', 'Сыдыков', 'Өмүрбеков', 'Түлөбердиев', 'Ормонов', 'Шамшиев',
  'Чыңгышев', 'Абдыкадыров', 'Жумабаев', 'Кадыров', 'Исаков', 'Мамбетов', 'Турдубаев', 'Бөкөнбаев', 'Күлүкеев', 'Эшматов',
  'Нурланов', 'Сатыбалдиев', 'Бакиев', 'Осмонов', 'Түгөлбаев', 'Алымкулов', 'Кеңешбеков', 'Мураталиев', 'Ысмаилов', 'Дөөлөтов',
];
const RU_SURNAMES = [
  'Иванов', 'Петров', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров', 'Морозов',
  'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Ким', 'Цой', 'Пак', 'Шевченко', 'Ковальчук',
];
const KY_MALE = [
  'Нурлан', 'Бакыт', 'Азамат', 'Чыңгыз', 'Жаныбек', 'Эрлан', 'Медер', 'Улан', 'Айбек', 'Тилек', 'Санжар', 'Элдияр', 'Бектур',
  'Нурсултан', 'Үмөт', 'Өмүрбек', 'Таалай', 'Мирлан', 'Кубаныч', 'Темирлан', 'Эрмек', 'Жыргалбек', 'Асан', 'Үсөн', 'Дөөлөт',
  'Алмазбек', 'Кеңеш', 'Сооронбай',
];
const KY_FEMALE = [
  'Айгүл', 'Гүлнара', 'Айжан', 'Нургүл', 'Айпери', 'Жылдыз', 'Чолпон', 'Бермет', 'Мээрим', 'Асель', 'Динара', 'Гүлзат',
  'Күмүшай', 'Аида', 'Айнура', 'Бүбүсара', 'Назгүл', 'Жамиля', 'Турсунай', 'Элнура', 'Толгонай', 'Чынара', 'Мөлдир',
];
// [name, patronymic stem: + 'ич' (male) / + 'на' (female)]
const RU_MALE: [string, string][] = [
  ['Александр', 'Александров'], ['Сергей', 'Сергеев'], ['Владимир', 'Владимиров'], ['Андрей', 'Андреев'], ['Дмитрий', 'Дмитриев'],
  ['Алексей', 'Алексеев'], ['Николай', 'Николаев'], ['Юрий', 'Юрьев'], ['Виктор', 'Викторов'], ['Евгений', 'Евгеньев'],
  ['Михаил', 'Михайлов'], ['Игорь', 'Игорев'],
];
const RU_FEMALE = ['Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Юлия', 'Анна', 'Мария', 'Людмила', 'Галина', 'Екатерина'];
const STREETS = [
  'ул. Токтогула', 'ул. Ахунбаева', 'пр. Чүй', 'ул. Манаса', 'ул. Киевская', 'ул. Жибек Жолу', 'ул. Ибраимова', 'ул. Үмөталиева',
  'ул. Табышалиева', 'ул. Көкөй-Кесаева', 'мкр. Жал',
];

function kyPatronymicStem(father: string): string {
  if (father.endsWith('й')) return `${father.slice(0, -1)}ев`;
  return `${father}ов`;
}

function feminine(surname: string): string {
  return /(ов|ев|ёв|ин)$/u.test(surname) ? `${surname}а` : surname;
}

export interface GenerateOptions {
  votingDay?: IsoDate;
  rowsPerPage?: number;
}

export function generateVoters(count: number, seed: number, options: GenerateOptions = {}): VoterRecord[] {
  const rnd = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const votingDay = options.votingDay ?? '2017-10-15';
  const perPage = options.rowsPerPage ?? 20;
  // The latest birth date: 18 years before the voting day (day clamped to 28, so never 29 Feb).
  const vy = Number(votingDay.slice(0, 4)) - 18;
  const latest = makeIsoDate(vy, Number(votingDay.slice(5, 7)), Math.min(28, Number(votingDay.slice(8, 10))));
  const docOffset = Math.floor(rnd() * 1_000_000);
  const pinOffset = Math.floor(rnd() * 100_000);

  const voters: VoterRecord[] = [];
  let family: { surname: string; ky: boolean; address: string; left: number } | null = null;
  let house = 0;
  for (let i = 0; i < count; i += 1) {
    if (!family || family.left <= 0) {
      house += 1;
      const ky = rnd() < 0.75;
      const street = pick(STREETS);
      const flat = rnd() < 0.6 ? `, кв. ${1 + Math.floor(rnd() * 120)}` : '';
      family = {
        surname: ky ? pick(KY_SURNAMES) : pick(RU_SURNAMES),
        ky,
        address: `г. Бишкек, ${street}, д. ${1 + (house % 180)}${flat}`,
        left: 1 + Math.floor(rnd() * 5),
      };
    }
    family.left -= 1;
    const ky = family.ky;
    const male = rnd() < 0.48;
    let surname = rnd() < 0.8 ? family.surname : ky ? pick(KY_SURNAMES) : pick(RU_SURNAMES);
    if (!male) surname = feminine(surname);
    let name: string;
    let patronymic: string;
    if (ky) {
      name = male ? pick(KY_MALE) : pick(KY_FEMALE);
      const father = pick(KY_MALE);
      if (rnd() < 0.12) {
        surname = `${father} ${male ? 'уулу' : 'кызы'}`;
        patronymic = '';
      } else patronymic = `${kyPatronymicStem(father)}${male ? 'ич' : 'на'}`;
    } else {
      name = male ? pick(RU_MALE)[0] : pick(RU_FEMALE);
      patronymic = `${pick(RU_MALE)[1]}${male ? 'ич' : 'на'}`;
    }
    const birth = addDays(latest, -Math.floor(rnd() * 72 * 365));
    const birthYear = Number(birth.slice(0, 4));
    const yearOnly = rnd() < 0.04 && birthYear < vy;
    const document = `${rnd() < 0.6 ? 'ID' : 'AN'}${String((i * 7919 + docOffset) % 10_000_000).padStart(7, '0')}`;
    const pin =
      rnd() < 0.02 ? '' : `${male ? 2 : 1}${birth.slice(8, 10)}${birth.slice(5, 7)}${birth.slice(0, 4)}${String((i * 37 + pinOffset) % 100_000).padStart(5, '0')}`;
    const r = rnd();
    const marks: VoterMark[] = r < 0.005 ? ['hospital'] : r < 0.007 ? ['custody'] : [];
    const record: VoterRecord = {
      id: '',
      page: Math.floor(i / perPage) + 1,
      row: (i % perPage) + 1,
      surname,
      name,
      patronymic,
      birthDate: yearOnly ? null : birth,
      birthYear,
      address: family.address,
      document,
      pin,
      marks,
    };
    record.id = voterIdentity(record);
    voters.push(record);
  }
  return voters;
}

export type HeaderLanguage = 'ky' | 'ru' | 'en';

const HEADERS: Record<HeaderLanguage, string[]> = {
  ky: ['Барак', 'Катар', 'Фамилиясы', 'Аты', 'Атасынын аты', 'Туулган күнү', 'Дареги', 'Паспорт', 'ПИН', 'Атайын белгилер'],
  ru: ['Страница', 'Строка', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Адрес', 'Документ', 'ПИН', 'Особые отметки'],
  en: ['Page', 'Row', 'Surname', 'Name', 'Patronymic', 'Date of birth', 'Address', 'Document', 'Personal number', 'Marks'],
};
const MARK_WORDS: Record<HeaderLanguage, Record<VoterMark, string>> = {
  ky: { hospital: 'оорукана', custody: 'камакта' },
  ru: { hospital: 'больница', custody: 'под стражей' },
  en: { hospital: 'hospital', custody: 'custody' },
};

function ddmmyyyy(iso: IsoDate): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

export function votersToRows(voters: readonly VoterRecord[], options: { header?: HeaderLanguage } = {}): string[][] {
  const lang = options.header ?? 'ky';
  const rows: string[][] = [HEADERS[lang].slice()];
  for (const v of voters) {
    rows.push([
      String(v.page),
      String(v.row),
      v.surname,
      v.name,
      v.patronymic,
      v.birthDate ? ddmmyyyy(v.birthDate) : String(v.birthYear),
      v.address,
      v.document,
      v.pin,
      v.marks.map((m) => MARK_WORDS[lang][m]).join(', '),
    ]);
  }
  return rows;
}

export interface CsvOptions {
  delimiter?: ';' | ',' | '\t';
  header?: HeaderLanguage;
  lineEnding?: '\r\n' | '\n';
}

export function quoteCsvField(value: string, delimiter: string): string {
  return value.includes(delimiter) || /["\r\n]/u.test(value) ? `"${value.replace(/"/gu, '""')}"` : value;
}

export function votersToCsv(voters: readonly VoterRecord[], options: CsvOptions = {}): string {
  const d = options.delimiter ?? ';';
  const eol = options.lineEnding ?? '\r\n';
  return votersToRows(voters, { header: options.header ?? 'ky' })
    .map((r) => r.map((c) => quoteCsvField(c, d)).join(d))
    .join(eol)
    .concat(eol);
}
