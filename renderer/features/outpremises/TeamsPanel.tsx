/**
 * Teams and boxes, the day-before visits and the reconciliation: the drawing of lots (members per
 * team, the operator, one sealed box a team), ballots handed against signature, departure, each
 * visit with its outcome (only 08:00–20:00 the day before, in the precinct's time), return with the
 * unused ballots, and per team taken = issued + spoiled + returned, a difference flagged until
 * explained. Every step goes through the domain checks of shared/outpremises before it is recorded.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  checkBallotsHanded,
  checkDeparture,
  checkExplanation,
  checkReturn,
  checkTeamsDrawing,
  checkVisit,
  reconcileTeams,
  registerNumbersGivenTwice,
  VISIT_OUTCOMES,
  type OutPremisesEventType,
  type OutPremisesProblem,
  type OutPremisesState,
  type RegisterEntry,
  type TeamReconciliation,
  type VisitOutcome,
} from '../../../shared/outpremises';
import { parseTypedDate, parseTypedTime } from '../../../shared/time/typed-date';
import { zonedToInstant } from '../../../shared/time/zone';
import { useTypedNow } from '../../app/clock';
import { navigate } from '../../app/router';
import { useSession, useSetup } from '../../app/session';
import { commands, contextOf, type OutPremisesDecide, recordOutPremises, useOutPremisesState } from '../../core';
import { problemText } from './problem-text';
import { Form, FormField, type SubmitOutcome } from '../../ui/form';

/** Sets (or, with null, clears) the panel's message above the teams. */
type Say = (message: { kind: 'ok' | 'warn' | 'error'; text: string } | null) => void;

function useRecorder(say: Say) {
  const { t, i18n } = useTranslation();
  const setup = useSetup();
  const { operator } = useSession();
  const base = { votingDay: setup.election.votingDay, timeZone: setup.precinct.timeZone, members: setup.members };
  /**
   * Records through the core: `decide` gets the register as stored and the command's one reading of
   * the clock (`ctx.now`, the time to stamp); warnings are said, never block.
   */
  return async function record<T extends OutPremisesEventType>(
    type: T,
    decide: OutPremisesDecide<T>,
    done: string,
    /** Takes the refusal: every form here marks its own fields (the shared Form), none says it above. */
    onRefused: (problems: readonly OutPremisesProblem[]) => void,
  ): Promise<boolean> {
    const result = await recordOutPremises(commands, type, decide, base, contextOf(setup, operator?.id ?? null), type);
    if (!result.ok) {
      // The form shows the refusal at its fields; the panel's last message (an earlier step's) is cleared.
      onRefused(result.error);
      say(null);
      return false;
    }
    const warnings = result.value.warnings.map((p) => problemText(t, p, i18n.language)).join(' ');
    say({ kind: warnings ? 'warn' : 'ok', text: warnings ? `${done} ${warnings}` : done });
    return true;
  };
}

export function TeamsPanel() {
  const { t } = useTranslation();
  const state = useOutPremisesState();
  const [message, setMessage] = useState<{ kind: 'ok' | 'warn' | 'error'; text: string } | null>(null);
  const say: Say = setMessage;
  const reconciliation = reconcileTeams(state);
  return (
    <section className="card" data-testid="op-teams">
      <h2>{t('outpremises:teams.title')}</h2>
      {message && (
        <p className={`alert alert-${message.kind}`} role="status" data-testid="op-teams-message">
          {message.text}
        </p>
      )}
      {state.drawing && (
        <div className="actions">
          <button type="button" onClick={() => navigate('print-trips')} data-testid="op-print-trips">
            {t('outpremises:trip.print')}
          </button>
        </div>
      )}
      {state.drawing ? (
        <div className="team-cards">
          {state.teams.map((team) => (
            <TeamCard key={team.team} state={state} team={team.team} say={say} reconciliation={reconciliation.find((r) => r.team === team.team)} />
          ))}
        </div>
      ) : (
        <DrawingForm say={say} />
      )}
    </section>
  );
}

function DrawingForm({ say }: { say: Say }) {
  const { t, i18n } = useTranslation();
  const setup = useSetup();
  const record = useRecorder(say);
  const [count, setCount] = useState(1);
  const [members, setMembers] = useState<Record<number, string[]>>({});
  const [operators, setOperators] = useState<Record<number, string>>({});
  const [seals, setSeals] = useState<Record<number, string>>({});
  // The last refusal: listed in the form, and the team's boxes or the box's seal at fault marked (the shared Form focuses the first).
  const [problems, setProblems] = useState<readonly OutPremisesProblem[]>([]);
  const problemsId = `${useId()}-problems`;
  const names = (p: OutPremisesProblem, one: string, many: string) => [String(p.params[one] ?? ''), ...String(p.params[many] ?? '').split(', ')];
  const teamAtFault = (n: number) => problems.some((p) => p.field === 'teams' && names(p, 'team', 'teams').includes(String(n)));
  // A field the schema refused comes as a path (boxes.0.seal, teams.0.operatorName): the box's seal or the team's operator.
  const path = (p: OutPremisesProblem) => (p.code === 'invalid-field' ? /^(boxes|teams)\.(\d+)\.(seal|operatorName)$/u.exec(String(p.params.field ?? '')) : null);
  const at = (p: OutPremisesProblem, what: 'seal' | 'operatorName', n: number) => {
    const m = path(p);
    return m !== null && m[3] === what && Number(m[2]) + 1 === n;
  };
  const text = (p: OutPremisesProblem) => {
    const m = path(p);
    if (!m) return problemText(t, p, i18n.language);
    const n = Number(m[2]) + 1;
    const label = m[3] === 'seal' ? t('outpremises:teams.seal', { box: n }) : `${t('outpremises:teams.team', { team: n })}: ${t('outpremises:teams.operator')}`;
    return problemText(t, { ...p, params: { ...p.params, field: label } }, i18n.language);
  };
  const sealProblems = (n: number) => problems.filter((p) => at(p, 'seal', n) || ((p.code === 'seal-duplicate' || p.code === 'box-number-duplicate') && names(p, 'box', 'boxes').includes(String(n))));
  const operatorProblems = (n: number) => problems.filter((p) => at(p, 'operatorName', n));
  const teams = Array.from({ length: count }, (_, i) => i + 1);
  return (
    <Form
      onSubmit={async () => {
        const draft = {
          boxes: teams.map((n) => ({ box: n, seal: seals[n] ?? '' })),
          teams: teams.map((n) => ({ team: n, memberIds: members[n] ?? [], operatorName: operators[n] ?? '', boxes: [n] })),
        };
        let refused: readonly OutPremisesProblem[] = [];
        const recorded = await record('MobileTeamsDrawn', ({ state }, ctx) => checkTeamsDrawing(state, { ...draft, drawnAt: ctx.now.toISOString() }, ctx), t('outpremises:teams.drawn'), (found) => {
          refused = found;
        });
        setProblems(refused);
        return recorded ? 'done' : 'refused';
      }}
    >
      <label className="field">
        <span>{t('outpremises:teams.count')}</span>
        <select value={count} onChange={(e) => setCount(Number(e.target.value))} data-testid="op-team-count">
          {[1, 2, 3].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      {teams.map((n) => (
        <fieldset key={n} className="team-draw" data-testid={`op-draw-team-${n}`}>
          <legend>{t('outpremises:teams.team', { team: n })}</legend>
          {setup.members.map((m) => (
            <label key={m.id} className="check">
              <input
                type="checkbox"
                checked={(members[n] ?? []).includes(m.id)}
                onChange={(e) => setMembers({ ...members, [n]: e.target.checked ? [...(members[n] ?? []), m.id] : (members[n] ?? []).filter((x) => x !== m.id) })}
                aria-invalid={teamAtFault(n) || undefined}
                aria-describedby={teamAtFault(n) ? problemsId : undefined}
              />
              <span>{m.name}</span>
            </label>
          ))}
          <div className="grid three">
            <FormField label={t('outpremises:teams.operator')} error={operatorProblems(n).map(text).join(' ')}>
              <input value={operators[n] ?? ''} onChange={(e) => setOperators({ ...operators, [n]: e.target.value })} data-testid={`op-operator-${n}`} />
            </FormField>
            <FormField label={t('outpremises:teams.seal', { box: n })} error={sealProblems(n).map(text).join(' ')}>
              <input value={seals[n] ?? ''} onChange={(e) => setSeals({ ...seals, [n]: e.target.value })} data-testid={`op-seal-${n}`} />
            </FormField>
          </div>
        </fieldset>
      ))}
      {problems.length > 0 && (
        // The alert is a box around the list: role="alert" on the <ul> itself would unmake it a list (axe: aria-allowed-role, listitem).
        <div id={problemsId} className="alert alert-error" role="alert" data-form-problems data-testid="op-draw-problems">
          <ul className="problem-list">
            {problems.map((p, i) => (
              <li key={i}>{text(p)}</li>
            ))}
          </ul>
        </div>
      )}
      <button type="submit" className="primary" data-testid="op-draw">
        {t('outpremises:teams.record')}
      </button>
    </Form>
  );
}

/** The controls of a team card's forms; a refusal's problem is shown at the one it names (else in the form's list). */
type Control = 'count' | 'handedBy' | 'receivedBy' | 'number' | 'outcome' | 'outcomeText' | 'spoiled' | 'date' | 'time' | 'returned' | `seal-${number}` | 'explanation';
type CardForm = 'hand' | 'depart' | 'visit' | 'return' | 'explain';

/**
 * Which control of the card a problem is about: by the payload field the check names (for a field the
 * schema refused, its path: `count`, `seals.0.seal`), within the form that was sent; null for the
 * form as a whole (the team not drawn, already out, a time the members do not type here).
 */
function controlOf(form: CardForm, p: OutPremisesProblem, spoiledTyped: boolean, boxes: readonly number[]): Control | null {
  const field = p.code === 'invalid-field' ? String(p.params.field ?? '') : (p.field ?? '');
  switch (form) {
    case 'hand':
      return field === 'count' || field === 'handedBy' || field === 'receivedBy' ? field : null;
    case 'visit':
      if (field === 'number' || field === 'voterId') return 'number';
      if (field === 'outcome' || field === 'outcomeText') return field;
      if (field === 'ballotsSpoiled') return 'spoiled';
      // One ballot for 'voted' plus the spoiled ones: too few in hand is the spoiled count's fault when one was typed.
      if (field === 'ballotsIssued') return p.code === 'no-ballots-in-hand' && spoiledTyped ? 'spoiled' : 'outcome';
      return field === 'visitedAt' ? 'time' : null;
    case 'return': {
      if (field === 'ballotsReturned') return 'returned';
      const seal = /^seals\.(\d+)\.seal$/u.exec(field);
      const box = seal ? boxes[Number(seal[1])] : undefined;
      return box === undefined ? null : `seal-${box}`;
    }
    case 'explain':
      return field === 'explanation' ? 'explanation' : null;
    default:
      return null;
  }
}

function TeamCard({ state, team, say, reconciliation }: { state: OutPremisesState; team: number; say: Say; reconciliation: TeamReconciliation | undefined }) {
  const { t, i18n } = useTranslation();
  const setup = useSetup();
  const record = useRecorder(say);
  const zone = setup.precinct.timeZone;
  const info = state.teams.find((x) => x.team === team);
  const secretary = setup.members.find((m) => m.role === 'secretary')?.id ?? setup.members[0]?.id ?? '';
  const [count, setCount] = useState('');
  const [handedBy, setHandedBy] = useState(secretary);
  const [receivedBy, setReceivedBy] = useState('');
  const [number, setNumber] = useState('');
  const [outcome, setOutcome] = useState<VisitOutcome>('voted');
  const [outcomeText, setOutcomeText] = useState('');
  // The visit's date and time show the clock until typed (a card opened the day before offers today).
  const { date, time, setDate, setTime } = useTypedNow(zone);
  const [returned, setReturned] = useState('');
  const [spoiled, setSpoiled] = useState('0');
  const [explanation, setExplanation] = useState('');
  // The seals as the members read them on the boxes brought back (the drawn seal until changed).
  const [foundSeals, setFoundSeals] = useState<Record<number, string>>({});
  // Each form's last refusal, kept for that form until it is sent again (one form's refusal never
  // takes another's away): each problem at its field, marked; the rest listed in that form.
  const [refusals, setRefusals] = useState<Partial<Record<CardForm, { problems: readonly OutPremisesProblem[]; typed?: Control }>>>({});
  const refuse = (form: CardForm, refusal: { problems: readonly OutPremisesProblem[]; typed?: Control } | undefined) => setRefusals((all) => ({ ...all, [form]: refusal }));
  if (!info) return null;
  const drawnSeal = (box: number) => state.drawing?.boxes.find((b) => b.box === box)?.seal ?? '';
  const names = info.memberIds.map((id) => setup.members.find((m) => m.id === id)?.name ?? id).join(', ');
  const open = state.entries.filter((e) => !e.withdrawn && !state.votedOutside[e.voterId]);
  // One number given to two entries (two laptops numbered before they exchanged records): each is
  // chosen as its own entry, its voter named with it — never the first of the number for both.
  const twice = new Set(registerNumbersGivenTwice(state));
  const entryValue = (e: RegisterEntry) => (twice.has(e.number) ? `${e.number}|${e.voterId}` : String(e.number));
  const labels: Record<Exclude<Control, `seal-${number}`>, string> = {
    count: t('outpremises:teams.ballots'),
    handedBy: t('outpremises:teams.handedBy'),
    receivedBy: t('outpremises:teams.receivedBy'),
    number: t('outpremises:teams.entry'),
    outcome: t('outpremises:teams.outcome'),
    outcomeText: t('outpremises:teams.outcomeText'),
    spoiled: t('outpremises:teams.spoiled'),
    date: t('outpremises:teams.date'),
    time: t('outpremises:teams.time'),
    returned: t('outpremises:teams.returned'),
    explanation: t('outpremises:teams.explanation'),
  };
  const labelOf = (c: Control) => (c.startsWith('seal-') ? t('outpremises:teams.sealFound', { box: Number(c.slice(5)) }) : labels[c as keyof typeof labels]);
  const spoiledTyped = Number(spoiled || '0') > 0;
  const placed = (form: CardForm) => (refusals[form]?.problems ?? []).map((p) => ({ p, control: controlOf(form, p, spoiledTyped, info.boxes) }));
  // A problem in words; at a field, a refused schema field is named by the field's label, not its path.
  const text = (p: OutPremisesProblem, control: Control | null) =>
    problemText(t, control && p.code === 'invalid-field' ? { ...p, params: { ...p.params, field: labelOf(control) } } : p, i18n.language);
  /** The message under a control: its problems, or the unreadable date or time typed. */
  const errorAt = (form: CardForm, control: Control) => [
    ...(refusals[form]?.typed === control ? [t('outpremises:teams.visitInvalid')] : []),
    ...placed(form).filter((x) => x.control === control).map((x) => text(x.p, control)),
  ].join(' ');
  const problemsOf = (form: CardForm) => {
    const rest = placed(form).filter((x) => x.control === null);
    return rest.length === 0 ? null : (
      <div className="alert alert-error follow-up-problems" role="alert" data-form-problems data-testid={`op-${form}-problems-${team}`}>
        <ul className="problem-list">
          {rest.map((x, i) => (
            <li key={i}>{text(x.p, null)}</li>
          ))}
        </ul>
      </div>
    );
  };
  /** Sends one form: its refusal is kept for it (the shared Form focuses the first field marked), a success clears it; the other forms' stay. */
  const send = async <T extends OutPremisesEventType>(form: CardForm, type: T, decide: OutPremisesDecide<T>, done: string): Promise<SubmitOutcome> => {
    let problems: readonly OutPremisesProblem[] = [];
    const recorded = await record(type, decide, done, (found) => {
      problems = found;
    });
    refuse(form, recorded ? undefined : { problems });
    return recorded ? 'done' : 'refused';
  };

  return (
    <div className="team-card" data-testid={`op-team-${team}`}>
      <h3>
        {t('outpremises:teams.team', { team })} · {names} · {t('outpremises:teams.operator')}: {info.operatorName} · {t('outpremises:teams.box', { box: info.boxes.join(', ') })}
      </h3>
      {reconciliation && (
        <p className={`alert ${reconciliation.flagged ? 'alert-error' : 'alert-ok'}`} data-testid={`op-reconcile-${team}`}>
          {t('outpremises:teams.ledger', { taken: reconciliation.taken, issued: reconciliation.issued, spoiled: reconciliation.spoiled, returned: reconciliation.returned })}{' '}
          {t(`outpremises:teams.status.${reconciliation.status}`, { difference: reconciliation.difference })}
        </p>
      )}
      <Form
        className="follow-up"
        data-testid={`op-hand-form-${team}`}
        onSubmit={() =>
          send('hand', 'MobileBallotsHanded', ({ state: stored }, ctx) => checkBallotsHanded(stored, { team, count: Number(count), handedAt: ctx.now.toISOString(), handedBy, receivedBy: receivedBy || (info.memberIds[0] ?? '') }, ctx), t('outpremises:teams.handed', { count: Number(count) }))
        }
      >
        <FormField label={labels.count} hiddenLabel error={errorAt('hand', 'count')} errorTestId={`op-hand-count-error-${team}`}>
          <input value={count} onChange={(e) => setCount(e.target.value.replace(/\D/gu, ''))} placeholder={labels.count} inputMode="numeric" data-testid={`op-hand-count-${team}`} />
        </FormField>
        <FormField label={labels.handedBy} hiddenLabel error={errorAt('hand', 'handedBy')}>
          <select value={handedBy} onChange={(e) => setHandedBy(e.target.value)} title={labels.handedBy} data-testid={`op-hand-giver-${team}`}>
            {setup.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={labels.receivedBy} hiddenLabel error={errorAt('hand', 'receivedBy')}>
          <select value={receivedBy || info.memberIds[0]} onChange={(e) => setReceivedBy(e.target.value)} title={labels.receivedBy} data-testid={`op-hand-receiver-${team}`}>
            {info.memberIds.map((id) => (
              <option key={id} value={id}>
                {setup.members.find((m) => m.id === id)?.name ?? id}
              </option>
            ))}
          </select>
        </FormField>
        <button type="submit" data-testid={`op-hand-${team}`}>
          {t('outpremises:teams.hand')}
        </button>
        {problemsOf('hand')}
      </Form>
      <Form className="follow-up" data-testid={`op-depart-form-${team}`} onSubmit={() => send('depart', 'MobileTeamDeparted', ({ state: stored }, ctx) => checkDeparture(stored, { team, departedAt: ctx.now.toISOString() }, ctx), t('outpremises:teams.departed'))}>
        <button type="submit" data-testid={`op-depart-${team}`}>
          {t('outpremises:teams.depart')}
        </button>
        {problemsOf('depart')}
      </Form>
      <Form
        className="follow-up"
        data-testid={`op-visit-form-${team}`}
        onSubmit={async () => {
          // Typed as members type them (9:40, 09.40); an unreadable date or time is said at it, naming the visit.
          const d = parseTypedDate(date);
          const hhmm = parseTypedTime(time);
          if (!d || !hhmm) {
            refuse('visit', { problems: [], typed: !d ? 'date' : 'time' });
            say(null);
            return 'refused';
          }
          const entry = state.entries.find((e) => entryValue(e) === number);
          const outcomeOf = await send(
            'visit',
            'MobileVisitRecorded',
            async ({ state: stored, roomStatus }, ctx) =>
              checkVisit(
                stored,
                { team, number: entry?.number ?? Number(number), ...(entry ? { voterId: entry.voterId } : {}), visitedAt: zonedToInstant(d, hhmm, zone).toISOString(), outcome, outcomeText, ballotsIssued: outcome === 'voted' ? 1 : 0, ballotsSpoiled: Number(spoiled || '0'), box: outcome === 'voted' ? (info.boxes[0] ?? null) : null },
                ctx,
                entry ? await roomStatus(entry.voterId) : undefined,
              ),
            t('outpremises:teams.visited', { number: entry?.number ?? number }),
          );
          // The next visit starts clean: no spoiled ballots carried over.
          if (outcomeOf === 'done') {
            setSpoiled('0');
            setNumber('');
          }
          return outcomeOf;
        }}
      >
        <FormField label={labels.number} hiddenLabel error={errorAt('visit', 'number')}>
          <select value={number} onChange={(e) => setNumber(e.target.value)} data-testid={`op-visit-entry-${team}`}>
            <option value="">{labels.number}</option>
            {open.map((e) => (
              <option key={entryValue(e)} value={entryValue(e)}>
                № {e.number} · {e.address}
                {twice.has(e.number) ? ` · ${e.page}/${e.row}` : ''}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={labels.outcome} hiddenLabel error={errorAt('visit', 'outcome')}>
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as VisitOutcome)} data-testid={`op-visit-outcome-${team}`}>
            {VISIT_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`outpremises:outcome.${o}`)}
              </option>
            ))}
          </select>
        </FormField>
        {outcome === 'other' && (
          <FormField label={labels.outcomeText} hiddenLabel error={errorAt('visit', 'outcomeText')}>
            <input value={outcomeText} onChange={(e) => setOutcomeText(e.target.value)} placeholder={labels.outcomeText} data-testid={`op-visit-text-${team}`} />
          </FormField>
        )}
        <FormField label={labels.spoiled} hiddenLabel className="short" error={errorAt('visit', 'spoiled')}>
          <input value={spoiled} onChange={(e) => setSpoiled(e.target.value.replace(/\D/gu, ''))} title={labels.spoiled} inputMode="numeric" data-testid={`op-visit-spoiled-${team}`} />
        </FormField>
        <FormField label={labels.date} hiddenLabel className="short" error={errorAt('visit', 'date')}>
          <input value={date} onChange={(e) => setDate(e.target.value)} title={labels.date} data-testid={`op-visit-date-${team}`} />
        </FormField>
        <FormField label={labels.time} hiddenLabel className="short" error={errorAt('visit', 'time')} errorTestId={`op-visit-time-error-${team}`}>
          <input value={time} onChange={(e) => setTime(e.target.value)} title={labels.time} data-testid={`op-visit-time-${team}`} />
        </FormField>
        <button type="submit" data-testid={`op-visit-${team}`}>
          {t('outpremises:teams.recordVisit')}
        </button>
        {problemsOf('visit')}
      </Form>
      <Form
        className="follow-up"
        data-testid={`op-return-form-${team}`}
        onSubmit={() =>
          send(
            'return',
            'MobileTeamReturned',
            ({ state: stored }, ctx) => checkReturn(stored, { team, returnedAt: ctx.now.toISOString(), ballotsReturned: Number(returned), seals: info.boxes.map((box) => ({ box, seal: (foundSeals[box] ?? drawnSeal(box)).trim() })).filter((s) => s.seal !== '') }, ctx),
            t('outpremises:teams.returnedDone'),
          )
        }
      >
        <FormField label={labels.returned} hiddenLabel error={errorAt('return', 'returned')}>
          <input value={returned} onChange={(e) => setReturned(e.target.value.replace(/\D/gu, ''))} placeholder={labels.returned} inputMode="numeric" data-testid={`op-return-count-${team}`} />
        </FormField>
        {info.boxes.map((box) => (
          <FormField key={box} label={labelOf(`seal-${box}`)} hiddenLabel className="short" error={errorAt('return', `seal-${box}`)}>
            <input value={foundSeals[box] ?? drawnSeal(box)} onChange={(e) => setFoundSeals({ ...foundSeals, [box]: e.target.value })} title={labelOf(`seal-${box}`)} data-testid={`op-return-seal-${team}-${box}`} />
          </FormField>
        ))}
        <button type="submit" data-testid={`op-return-${team}`}>
          {t('outpremises:teams.return')}
        </button>
        {problemsOf('return')}
      </Form>
      {reconciliation?.flagged && (
        <Form className="follow-up" data-testid={`op-explain-form-${team}`} onSubmit={() => send('explain', 'MobileDiscrepancyExplained', ({ state: stored }) => checkExplanation(stored, { team, explanation }), t('outpremises:teams.explained'))}>
          <FormField label={labels.explanation} hiddenLabel error={errorAt('explain', 'explanation')} errorTestId={`op-explain-error-${team}`}>
            <input value={explanation} onChange={(e) => setExplanation(e.target.value)} placeholder={labels.explanation} data-testid={`op-explain-text-${team}`} />
          </FormField>
          <button type="submit" data-testid={`op-explain-${team}`}>
            {t('outpremises:teams.explain')}
          </button>
          {problemsOf('explain')}
        </Form>
      )}
    </div>
  );
}
