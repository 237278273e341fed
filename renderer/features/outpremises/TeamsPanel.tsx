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
  VISIT_OUTCOMES,
  type OutPremisesEventType,
  type OutPremisesProblem,
  type OutPremisesState,
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
import { Form, FormField } from '../../ui/form';

type Say = (kind: 'ok' | 'warn' | 'error', text: string) => void;

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
    /** Takes the refusal instead of the message above (a form that marks its own fields). */
    onRefused?: (problems: readonly OutPremisesProblem[]) => void,
  ): Promise<boolean> {
    const result = await recordOutPremises(commands, type, decide, base, contextOf(setup, operator?.id ?? null), type);
    if (!result.ok) {
      if (onRefused) onRefused(result.error);
      else say('error', result.error.map((p) => problemText(t, p, i18n.language)).join(' '));
      return false;
    }
    const warnings = result.value.warnings.map((p) => problemText(t, p, i18n.language)).join(' ');
    say(warnings ? 'warn' : 'ok', warnings ? `${done} ${warnings}` : done);
    return true;
  };
}

export function TeamsPanel() {
  const { t } = useTranslation();
  const state = useOutPremisesState();
  const [message, setMessage] = useState<{ kind: 'ok' | 'warn' | 'error'; text: string } | null>(null);
  const say: Say = (kind, text) => setMessage({ kind, text });
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
        <ul id={problemsId} className="alert alert-error" role="alert" data-form-problems data-testid="op-draw-problems">
          {problems.map((p, i) => (
            <li key={i}>{text(p)}</li>
          ))}
        </ul>
      )}
      <button type="submit" className="primary" data-testid="op-draw">
        {t('outpremises:teams.record')}
      </button>
    </Form>
  );
}

function TeamCard({ state, team, say, reconciliation }: { state: OutPremisesState; team: number; say: Say; reconciliation: TeamReconciliation | undefined }) {
  const { t } = useTranslation();
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
  if (!info) return null;
  const drawnSeal = (box: number) => state.drawing?.boxes.find((b) => b.box === box)?.seal ?? '';
  const names = info.memberIds.map((id) => setup.members.find((m) => m.id === id)?.name ?? id).join(', ');
  const open = state.entries.filter((e) => !e.withdrawn && !state.votedOutside[e.voterId]);

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
      <div className="follow-up">
        <input value={count} onChange={(e) => setCount(e.target.value.replace(/\D/gu, ''))} placeholder={t('outpremises:teams.ballots')} aria-label={t('outpremises:teams.ballots')} data-testid={`op-hand-count-${team}`} />
        <select value={handedBy} onChange={(e) => setHandedBy(e.target.value)} aria-label={t('outpremises:teams.handedBy')} title={t('outpremises:teams.handedBy')}>
          {setup.members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        <select value={receivedBy || info.memberIds[0]} onChange={(e) => setReceivedBy(e.target.value)} aria-label={t('outpremises:teams.receivedBy')} title={t('outpremises:teams.receivedBy')} data-testid={`op-hand-receiver-${team}`}>
          {info.memberIds.map((id) => (
            <option key={id} value={id}>
              {setup.members.find((m) => m.id === id)?.name ?? id}
            </option>
          ))}
        </select>
        <button
          type="button"
          data-testid={`op-hand-${team}`}
          onClick={() =>
            void record('MobileBallotsHanded', ({ state: stored }, ctx) => checkBallotsHanded(stored, { team, count: Number(count), handedAt: ctx.now.toISOString(), handedBy, receivedBy: receivedBy || (info.memberIds[0] ?? '') }, ctx), t('outpremises:teams.handed', { count: Number(count) }))
          }
        >
          {t('outpremises:teams.hand')}
        </button>
        <button type="button" data-testid={`op-depart-${team}`} onClick={() => void record('MobileTeamDeparted', ({ state: stored }, ctx) => checkDeparture(stored, { team, departedAt: ctx.now.toISOString() }, ctx), t('outpremises:teams.departed'))}>
          {t('outpremises:teams.depart')}
        </button>
      </div>
      <div className="follow-up">
        <select value={number} onChange={(e) => setNumber(e.target.value)} aria-label={t('outpremises:teams.entry')} data-testid={`op-visit-entry-${team}`}>
          <option value="">{t('outpremises:teams.entry')}</option>
          {open.map((e) => (
            <option key={e.number} value={e.number}>
              № {e.number} · {e.address}
            </option>
          ))}
        </select>
        <select value={outcome} onChange={(e) => setOutcome(e.target.value as VisitOutcome)} aria-label={t('outpremises:teams.outcome')} data-testid={`op-visit-outcome-${team}`}>
          {VISIT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`outpremises:outcome.${o}`)}
            </option>
          ))}
        </select>
        {outcome === 'other' && <input value={outcomeText} onChange={(e) => setOutcomeText(e.target.value)} aria-label={t('outpremises:teams.outcomeText')} />}
        <input className="short" value={spoiled} onChange={(e) => setSpoiled(e.target.value.replace(/\D/gu, ''))} aria-label={t('outpremises:teams.spoiled')} title={t('outpremises:teams.spoiled')} data-testid={`op-visit-spoiled-${team}`} />
        <input className="short" value={date} onChange={(e) => setDate(e.target.value)} aria-label={t('outpremises:teams.date')} data-testid={`op-visit-date-${team}`} />
        <input className="short" value={time} onChange={(e) => setTime(e.target.value)} aria-label={t('outpremises:teams.time')} data-testid={`op-visit-time-${team}`} />
        <button
          type="button"
          data-testid={`op-visit-${team}`}
          onClick={() => {
            // Typed as members type them (9:40, 09.40); a refusal names the visit, not an application's receipt.
            const d = parseTypedDate(date);
            const hhmm = parseTypedTime(time);
            if (!d || !hhmm) {
              say('error', t('outpremises:teams.visitInvalid'));
              return;
            }
            const entry = state.entries.find((e) => e.number === Number(number));
            void record(
              'MobileVisitRecorded',
              async ({ state: stored, roomStatus }, ctx) =>
                checkVisit(
                  stored,
                  { team, number: Number(number), visitedAt: zonedToInstant(d, hhmm, zone).toISOString(), outcome, outcomeText, ballotsIssued: outcome === 'voted' ? 1 : 0, ballotsSpoiled: Number(spoiled || '0'), box: outcome === 'voted' ? (info.boxes[0] ?? null) : null },
                  ctx,
                  entry ? await roomStatus(entry.voterId) : undefined,
                ),
              t('outpremises:teams.visited', { number }),
            ).then((done) => {
              // The next visit starts clean: no spoiled ballots carried over.
              if (done) {
                setSpoiled('0');
                setNumber('');
              }
            });
          }}
        >
          {t('outpremises:teams.recordVisit')}
        </button>
      </div>
      <div className="follow-up">
        <input value={returned} onChange={(e) => setReturned(e.target.value.replace(/\D/gu, ''))} placeholder={t('outpremises:teams.returned')} aria-label={t('outpremises:teams.returned')} data-testid={`op-return-count-${team}`} />
        {info.boxes.map((box) => (
          <input
            key={box}
            className="short"
            value={foundSeals[box] ?? drawnSeal(box)}
            onChange={(e) => setFoundSeals({ ...foundSeals, [box]: e.target.value })}
            aria-label={t('outpremises:teams.sealFound', { box })}
            title={t('outpremises:teams.sealFound', { box })}
            data-testid={`op-return-seal-${team}-${box}`}
          />
        ))}
        <button
          type="button"
          data-testid={`op-return-${team}`}
          onClick={() =>
            void record(
              'MobileTeamReturned',
              ({ state: stored }, ctx) => checkReturn(stored, { team, returnedAt: ctx.now.toISOString(), ballotsReturned: Number(returned), seals: info.boxes.map((box) => ({ box, seal: (foundSeals[box] ?? drawnSeal(box)).trim() })).filter((s) => s.seal !== '') }, ctx),
              t('outpremises:teams.returnedDone'),
            )
          }
        >
          {t('outpremises:teams.return')}
        </button>
      </div>
      {reconciliation?.flagged && (
        <div className="follow-up">
          <input value={explanation} onChange={(e) => setExplanation(e.target.value)} placeholder={t('outpremises:teams.explanation')} aria-label={t('outpremises:teams.explanation')} data-testid={`op-explain-text-${team}`} />
          <button
            type="button"
            data-testid={`op-explain-${team}`}
            onClick={() =>
              void record('MobileDiscrepancyExplained', ({ state: stored }) => checkExplanation(stored, { team, explanation }), t('outpremises:teams.explained'))
            }
          >
            {t('outpremises:teams.explain')}
          </button>
        </div>
      )}
    </div>
  );
}
