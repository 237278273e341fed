/**
 * The hand-entry form's draft (everything as typed) and its conversion to a checked setup.
 * Pure: tested without a browser.
 */
import { problemsFromZod, type BundleProblem } from '../../../shared/election/bundle';
import { electionSetupSchema, type ElectionSetup, type MemberRole, type Precinct } from '../../../shared/election/model';
import { parseTypedDate } from '../../../shared/time/typed-date';
import { err, ok, type Result } from '../../../shared/util/result';
import { formatClock } from '../../app/format';

export interface MemberDraft {
  id: string;
  name: string;
  role: MemberRole;
}

export interface CandidateDraft {
  id: string;
  position: string;
  surname: string;
  name: string;
  patronymic: string;
  birthYear: string;
  nominatedBy: string;
  /** Kept as it came (the form does not edit it yet), so an edit never drops a withdrawal. */
  withdrawn?: { date: string; note: string };
}

export interface SetupDraft {
  electionId: string;
  nameKy: string;
  nameRu: string;
  nameEn: string;
  votingDay: string;
  electionCallDate: string;
  hoursFrom: string;
  hoursTo: string;
  reportTimes: string;
  precinctNumber: string;
  precinctName: string;
  address: string;
  territorialCommission: string;
  timeZone: string;
  voterCount: string;
  formedOn: string;
  /** The handover terms from the bundle, kept as they are (not edited in the form). */
  handover?: Precinct['handover'];
  members: MemberDraft[];
  candidates: CandidateDraft[];
  againstAll: boolean;
}

export function newId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}

export function emptyDraft(): SetupDraft {
  return {
    electionId: newId('election'),
    nameKy: '',
    nameRu: '',
    nameEn: '',
    votingDay: '',
    electionCallDate: '',
    hoursFrom: '08:00',
    hoursTo: '20:00',
    reportTimes: '10:00, 13:00, 16:00, 17:00, 20:00',
    precinctNumber: '',
    precinctName: '',
    address: '',
    territorialCommission: '',
    timeZone: 'Asia/Bishkek',
    voterCount: '',
    formedOn: '',
    members: [
      { id: newId('m'), name: '', role: 'chair' },
      { id: newId('m'), name: '', role: 'secretary' },
    ],
    candidates: [{ id: newId('c'), position: '1', surname: '', name: '', patronymic: '', birthYear: '', nominatedBy: '' }],
    againstAll: true,
  };
}

export function draftFromSetup(s: ElectionSetup): SetupDraft {
  const e = s.election;
  return {
    electionId: e.id,
    nameKy: e.name.ky,
    nameRu: e.name.ru ?? '',
    nameEn: e.name.en ?? '',
    votingDay: dateToInput(e.votingDay),
    electionCallDate: dateToInput(e.electionCallDate),
    hoursFrom: e.votingHours.from,
    hoursTo: formatClock(e.votingHours.to),
    reportTimes: e.turnoutReportTimes.join(', '),
    precinctNumber: String(s.precinct.number),
    precinctName: s.precinct.name,
    address: s.precinct.address,
    territorialCommission: s.precinct.territorialCommission,
    timeZone: s.precinct.timeZone,
    voterCount: s.precinct.voterCount === null ? '' : String(s.precinct.voterCount),
    formedOn: dateToInput(s.precinct.formedOn),
    ...(s.precinct.handover ? { handover: s.precinct.handover } : {}),
    members: s.members.map((m) => ({ ...m })),
    candidates: s.candidates.map((c) => ({
      id: c.id,
      position: String(c.position),
      surname: c.surname,
      name: c.name,
      patronymic: c.patronymic,
      birthYear: c.birthYear === null ? '' : String(c.birthYear),
      nominatedBy: c.nominatedBy,
      ...(c.withdrawn ? { withdrawn: { ...c.withdrawn } } : {}),
    })),
    againstAll: s.againstAll,
  };
}

/** A whole number as typed; `null` for an empty optional field; a problem for anything else. */
function wholeNumber(text: string, path: string, problems: BundleProblem[], optional: boolean): number | null | undefined {
  const s = text.trim().replace(/[\s\u00a0\u202f]/gu, '');
  if (s === '') {
    if (!optional) problems.push({ code: 'required', path });
    return optional ? null : undefined;
  }
  if (!/^\d+$/u.test(s)) {
    problems.push({ code: 'not-a-number', path });
    return undefined;
  }
  return Number(s);
}

/**
 * A date as typed (15.10.2017, 15/10/2017, 2017-10-15: the shared `parseTypedDate`, as every form
 * reads dates); anything that is not a real date is passed on as typed for the schema to refuse.
 */
export function dateFromInput(text: string): string {
  return parseTypedDate(text) ?? text.trim();
}

/**
 * The closing time as typed. Voting closes before the closing time (20:00:00 is closed), so a close
 * typed as 23:59 or 24:00 means the end of the day and is kept as '24:00' — the day's last minute
 * open. It is shown 23:59, as every end of a day is (formatClock), so an edit keeps it.
 */
export function closingFromInput(text: string): string {
  const s = text.trim();
  return s === '23:59' || s === '24:00' ? '24:00' : s;
}

/** 2017-10-15 → 15.10.2017, as typed in the form. */
export function dateToInput(iso: string | null): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso ?? '');
  return m ? `${m[3]}.${m[2]}.${m[1]}` : (iso ?? '');
}

const optionalText = (s: string) => (s.trim() === '' ? undefined : s.trim());

export function setupFromDraft(
  d: SetupDraft,
  source: ElectionSetup['source'],
): Result<ElectionSetup, BundleProblem[]> {
  const problems: BundleProblem[] = [];
  const raw = {
    election: {
      id: d.electionId,
      type: 'presidential',
      name: { ky: d.nameKy, ru: optionalText(d.nameRu), en: optionalText(d.nameEn) },
      votingDay: dateFromInput(d.votingDay),
      electionCallDate: d.electionCallDate.trim() === '' ? null : dateFromInput(d.electionCallDate),
      votingHours: { from: d.hoursFrom, to: closingFromInput(d.hoursTo) },
      turnoutReportTimes: d.reportTimes
        .split(/[,;\s]+/u)
        .map((s) => s.trim())
        .filter(Boolean),
    },
    precinct: {
      number: wholeNumber(d.precinctNumber, 'precinct.number', problems, false),
      name: d.precinctName,
      address: d.address,
      territorialCommission: d.territorialCommission,
      timeZone: d.timeZone.trim(),
      voterCount: wholeNumber(d.voterCount, 'precinct.voterCount', problems, true),
      formedOn: d.formedOn.trim() === '' ? null : dateFromInput(d.formedOn),
      ...(d.handover ? { handover: d.handover } : {}),
    },
    members: d.members.map((m) => ({ id: m.id, name: m.name, role: m.role })),
    candidates: d.candidates.map((c, i) => ({
      id: c.id,
      position: wholeNumber(c.position, `candidates.${i}.position`, problems, false),
      surname: c.surname,
      name: c.name,
      patronymic: c.patronymic,
      birthYear: wholeNumber(c.birthYear, `candidates.${i}.birthYear`, problems, true),
      nominatedBy: c.nominatedBy,
      ...(c.withdrawn ? { withdrawn: c.withdrawn } : {}),
    })),
    againstAll: d.againstAll,
    source,
  };
  const parsed = electionSetupSchema.safeParse(raw);
  if (!parsed.success) {
    const already = new Set(problems.map((p) => p.path));
    // A field that is not a number is reported once, as such, not again as "required".
    problems.push(...problemsFromZod(parsed.error, raw).filter((p) => !already.has(p.path)));
  }
  if (d.members.length === 0) problems.push({ code: 'required', path: 'members' });
  if (d.candidates.length === 0) problems.push({ code: 'required', path: 'candidates' });
  if (problems.length > 0 || !parsed.success) return err(problems);
  return ok(parsed.data);
}
