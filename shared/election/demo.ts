/**
 * The demo election: the presidential election of 15 October 2017 with the 37 precincts abroad
 * (numbers, names and voter counts from the CEC's 2017 note). Candidates and members are
 * fictional: Асан and Үсөн are the Kyrgyz "John Doe"; no real person is named.
 *
 * The same election can be held on another voting day (today, for a newcomer or a trainer, so the
 * desk works on the real clock): the call date and the bundle's issue date move with it, so the
 * calendar is computed for that day. Without a day it is the 2017 historical example.
 */
import foreignPrecincts from '../../data/foreign-precincts-2017.json' with { type: 'json' };
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type ElectionBundleInput } from './bundle';
import type { Member } from './model';
import { addDays, daysBetween, isIsoDate, type IsoDate } from '../time/date';

/** IANA time zones of the host cities (voting abroad runs 08:00–20:00 local time). */
const TIME_ZONES: Record<number, string> = {
  9001: 'Europe/Moscow', 9002: 'Europe/Moscow', 9003: 'Asia/Krasnoyarsk', 9004: 'Asia/Vladivostok',
  9008: 'Asia/Kolkata', 9009: 'Asia/Yekaterinburg', 9010: 'Asia/Novosibirsk', 9011: 'Asia/Ashgabat',
  9012: 'Asia/Baku', 9019: 'Asia/Tokyo', 9022: 'Europe/Kyiv', 9023: 'Europe/Minsk',
  9024: 'Asia/Dushanbe', 9025: 'Asia/Tashkent', 9027: 'Asia/Almaty', 9028: 'Asia/Almaty',
  9029: 'Europe/Berlin', 9030: 'Europe/Berlin', 9031: 'Europe/Berlin', 9032: 'Europe/Vienna',
  9034: 'America/New_York', 9035: 'Europe/Istanbul', 9036: 'Europe/Istanbul', 9037: 'Europe/Brussels',
  9038: 'Europe/London', 9039: 'Europe/Zurich', 9040: 'Asia/Shanghai', 9041: 'Asia/Shanghai',
  9042: 'Asia/Seoul', 9043: 'Asia/Tehran', 9044: 'Asia/Dubai', 9045: 'Asia/Riyadh',
  9046: 'Asia/Kuwait', 9048: 'Asia/Kuala_Lumpur', 9049: 'Asia/Karachi', 9050: 'Asia/Qatar',
  9051: 'Asia/Dubai',
};

export const DEMO_ELECTION_ID = 'demo-kg-president-2017';
/** The historical voting day of the demo election. */
export const DEMO_HISTORICAL_VOTING_DAY: IsoDate = '2017-10-15';
const HISTORICAL_CALL_DATE: IsoDate = '2017-06-14';
const HISTORICAL_ISSUED_ON: IsoDate = '2017-10-01';

interface ForeignPrecinctRow {
  row: number;
  number: number;
  name_ky: string;
  voters: number;
}

/** The seed keeps internal double spaces in names; the UI shows them collapsed. */
const tidy = (s: string) => s.replace(/\s+/gu, ' ').trim();

function demoMembers(number: number): Member[] {
  return [
    { id: `m${number}-1`, name: 'Асанова Айгүл (демо)', role: 'chair' },
    { id: `m${number}-2`, name: 'Үсөнов Бакыт (демо)', role: 'deputy' },
    { id: `m${number}-3`, name: 'Асанов Нурлан (демо)', role: 'secretary' },
    { id: `m${number}-4`, name: 'Үсөнова Гүлзат (демо)', role: 'member' },
    { id: `m${number}-5`, name: 'Асанбеков Өмүр (демо)', role: 'member' },
  ];
}

/**
 * Voting hours of the demo: the law's 08:00–20:00, or — for practice on the real clock at any hour,
 * never for the historical example's sake — the whole day: from 00:00 until the day ends ('24:00',
 * closing being exclusive, so 23:59:59 is still open; shown 00:00–23:59).
 */
export const DEMO_HOURS = { law: { from: '08:00', to: '20:00' }, 'all-day': { from: '00:00', to: '24:00' } } as const;
export type DemoHours = keyof typeof DEMO_HOURS;

/** The demo bundle; `votingDay` moves the whole election to that day (default: 15 October 2017). */
export function demoBundle(options: { votingDay?: IsoDate; hours?: DemoHours } = {}): ElectionBundleInput {
  const votingDay = options.votingDay ?? DEMO_HISTORICAL_VOTING_DAY;
  if (!isIsoDate(votingDay)) throw new RangeError(`demoBundle: not a calendar date: ${JSON.stringify(votingDay)}`);
  const shift = daysBetween(DEMO_HISTORICAL_VOTING_DAY, votingDay);
  const rows = foreignPrecincts as ForeignPrecinctRow[];
  return {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    bundleVersion: 1,
    issuedAt: `${addDays(HISTORICAL_ISSUED_ON, shift)}T09:00:00+06:00`,
    issuer: 'Precinct Desk demo (not an official CEC bundle)',
    election: {
      id: DEMO_ELECTION_ID,
      type: 'presidential',
      name: {
        ky: 'Кыргыз Республикасынын Президентин шайлоо (демо)',
        ru: 'Выборы Президента Кыргызской Республики (демо)',
        en: 'Presidential election of the Kyrgyz Republic (demo)',
      },
      votingDay,
      electionCallDate: addDays(HISTORICAL_CALL_DATE, shift),
      votingHours: { ...DEMO_HOURS[options.hours ?? 'law'] },
      turnoutReportTimes: ['10:00', '13:00', '16:00', '17:00', '20:00'],
    },
    candidates: [
      { id: 'c1', position: 1, surname: 'Асанов', name: 'Асан', patronymic: 'Асанович', birthYear: 1961, nominatedBy: 'өз алдынча (демо)' },
      { id: 'c2', position: 2, surname: 'Үсөнов', name: 'Үсөн', patronymic: 'Үсөнович', birthYear: 1970, nominatedBy: 'демо партиясы' },
      { id: 'c3', position: 3, surname: 'Бекова', name: 'Бермет', patronymic: 'Бековна', birthYear: 1975, nominatedBy: 'өз алдынча (демо)' },
      { id: 'c4', position: 4, surname: 'Төлөгөнов', name: 'Өмүрбек', patronymic: 'Төлөгөнович', birthYear: 1968, nominatedBy: 'демо бирикмеси' },
    ],
    againstAll: true,
    precincts: rows.map((p) => ({
      number: p.number,
      name: tidy(p.name_ky),
      address: `${tidy(p.name_ky)} — Кыргыз Республикасынын дипломатиялык өкүлчүлүгү (демо дарек)`,
      territorialCommission: 'Бишкек шаардык АШК',
      timeZone: TIME_ZONES[p.number] ?? 'Asia/Bishkek',
      voterCount: p.voters,
      // One demo precinct carries handover terms as a bundle would from the CEC's instruction for
      // precincts abroad (invented for the demo); the others print "per CEC instruction".
      ...(p.number === 9001
        ? {
            handover: {
              receiver: 'Бишкек шаардык АШК (демо)',
              route: 'Кыргыз Республикасынын Москвадагы элчилиги → ТИМдин Консулдук кызмат департаменти → Бишкек шаардык АШК (демо)',
              deadline: { daysAfterVotingDay: 3, time: '18:00' },
            },
          }
        : {}),
      // One demo precinct takes Form 2 at its consulate with its own deadline, as a format 2 bundle
      // sets it for an election (invented for the demo: 20 days before voting day, 18:00 local).
      ...(p.number === 9004
        ? { form2: { place: 'Кыргыз Республикасынын Владивостоктогу консулдугу (демо)', deadline: { date: addDays(votingDay, -20), time: '18:00' } } }
        : {}),
      members: demoMembers(p.number),
    })),
  };
}
