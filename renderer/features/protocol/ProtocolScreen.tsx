/**
 * Entering the results protocol: a screen shaped like the paper form, numbers only, Enter moves to
 * the next line. What the app knows (the list, the acts, the desk, the register, the manual count)
 * is pre-filled; writing another figure asks for the reason, which is kept and printed. The control
 * relations are evaluated as the figures are typed; each finding shows its arithmetic and leads to
 * its line. Optional double entry, the final meeting (complaints, dissenting opinions), signing with
 * a quorum, and corrections after signing (a new version marked repeated or corrected).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { commands, contextOf, databaseName, recordFact, signProtocolCommand, useOpenIncidents } from '../../core';
import { useTranslation } from 'react-i18next';
import { doubleEntryStatus } from '../../../shared/protocol/double-entry';
import { undecidedComplaints } from '../../../shared/protocol/meeting';
import { changedLines, knownValues } from '../../../shared/protocol/prefill';
import { evaluate, isCount, type Finding } from '../../../shared/protocol/relations';
import { BEFORE_CLOSE_KEY, findingKey, nextVersion, pollsCloseAfter, type SigningRefusal } from '../../../shared/protocol/signing';
import { votingHoursOf } from '../../../shared/ballots/hours';
import { useNow } from '../../app/clock';
import { MIN_REASON } from '../../../shared/protocol/events';
import { useVoterList } from '../../core/voter-list';
import { formatDate, formatDateTime, formatNumber } from '../../app/format';
import { typedFiguresKey, useUnsavedFigures } from '../../app/typed-figures';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSession, useSetup } from '../../app/session';
import { CopiesPanel } from './CopiesPanel';
import { DoubleEntryPanel } from './DoubleEntryPanel';
import { MeetingPanel } from './MeetingPanel';
import { VersionsPanel } from './VersionsPanel';
import { PageSumsDisagree } from '../../ui/PageSumsDisagree';
import { useKnownFigures, useMeeting, useProtocolForm, useProtocolState } from '../../core/protocol-queries';

export type Typed = Record<string, string>;

export function toValues(typed: Typed): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(typed)) out[k] = /^\d+$/u.test(v.trim()) ? Number(v.trim()) : v.trim() === '' ? null : Number.NaN;
  return out;
}

export function ProtocolScreen() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const form = useProtocolForm(setup);
  const state = useProtocolState();
  const figures = useKnownFigures();
  const meeting = useMeeting();
  const next = nextVersion(state);
  const [typed, setTyped] = useState<Typed | null>(null);
  const [typedFor, setTypedFor] = useState<number | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [present, setPresent] = useState<string[]>(() => setup.members.map((m) => m.id));
  const [acknowledged, setAcknowledged] = useState<string[]>([]);
  const [overrideReason, setOverrideReason] = useState('');
  const [refusals, setRefusals] = useState<SigningRefusal[]>([]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [doubleEntry, setDoubleEntry] = useState(false);
  const [incidentReasons, setIncidentReasons] = useState<Record<string, string>>({});
  const incidents = useOpenIncidents();
  const voterList = useVoterList();
  const inputs = useRef(new Map<string, HTMLInputElement>());
  // The polls' closing as the clock reads now (the training clock in training): signing before it asks to be confirmed.
  const now = useNow();
  const hours = votingHoursOf(setup);
  const closesAt = next ? pollsCloseAfter(now, hours) : null;
  const zoned = (instant: string | Date) => formatDateTime(instant, lng, setup.precinct.timeZone);
  const known = useMemo(() => (figures ? knownValues(form, figures.ledger) : {}), [form, figures]);
  // What a member typed and has not saved yet, kept as it is typed (app/typed-figures).
  const unsaved = useUnsavedFigures(next ? typedFiguresKey(['protocol', databaseName(), setup.election.id, setup.precinct.number, form.id, form.version, next.version]) : null);

  // Start from the draft, else (a correction) from the version in force, else from what the app knows.
  useEffect(() => {
    if (!figures) return;
    const version = next?.version ?? null;
    if (typed !== null && typedFor === version) return;
    const start: Typed = {};
    const draft = state.draft && state.draft.version === version ? state.draft.values : null;
    const base = next && state.current ? state.current.values : null;
    // Signed and no correction open: the screen shows the signed figures (and their findings), not the pre-fill.
    const signed = next ? null : (state.current?.values ?? null);
    for (const line of form.lines) {
      const v = signed ? signed[line.key] : (draft?.[line.key] ?? base?.[line.key] ?? known[line.key]?.value);
      start[line.key] = v === undefined || v === null ? '' : String(v);
    }
    // Typed and not saved before the member left the screen (or the window was reloaded): typed again.
    const kept = unsaved.restore();
    for (const line of form.lines) if (kept?.values[line.key] !== undefined) start[line.key] = kept.values[line.key] ?? '';
    setTyped(start);
    setTypedFor(version);
    setReasons({ ...Object.fromEntries((state.draft && state.draft.version === version ? state.draft.changes : []).map((c) => [c.line, c.reason])), ...kept?.reasons });
    setAcknowledged(state.draft && state.draft.version === version ? state.draft.acknowledged : []);
    if (state.entries && next && state.entries.version === next.version) setDoubleEntry(true);
  }, [figures, state, form.lines, typed, typedFor, next, known, unsaved]);

  const values = useMemo(() => toValues(typed ?? {}), [typed]);
  const findings = useMemo(() => (figures ? evaluate(form, values, figures.ledger) : []), [form, values, figures]);
  if (!typed || !figures) return <p className="loading">{t('common:loading')}</p>;

  const n = (x: number) => formatNumber(x, lng);
  const byLine = new Map<string, Finding[]>();
  for (const f of findings) for (const key of f.lines) byLine.set(key, [...(byLine.get(key) ?? []), f]);
  const errors = findings.filter((f) => f.severity === 'error');
  // Lines not typed yet are one note, not a card each: the cards are for what does not add up.
  const blank = findings.filter((f) => f.code === 'line-missing');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const changed = new Map(changedLines(form, known, values).map((c) => [c.line, c]));
  const chair = setup.members.find((m) => m.role === 'chair');
  const goTo = (key: string | undefined) => key && inputs.current.get(key)?.focus();
  const numeric = (v: Record<string, number | null>) => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, isCount(x) ? x : null]));
  // A candidate withdrawn after the ballots were printed keeps the line (their name is on the ballots).
  const withdrawnOn = (candidateId: string | undefined) => setup.candidates.find((c) => c.id === candidateId)?.withdrawn?.date ?? null;
  const lineNumber = (key: string) => form.lines.find((l) => l.key === key)?.number ?? key;
  const undecided = undecidedComplaints(meeting).length;
  const entryStage = next ? doubleEntryStatus(form, state.entries, next.version).stage : 'none';

  async function saveDraft() {
    if (!next) return;
    // A figure no draft can hold (above a precinct's largest count) is refused with its line, not dropped.
    const invalid = findings.filter((f) => f.code === 'line-invalid');
    if (invalid.length > 0) {
      setMessage({ kind: 'error', text: invalid.map((f) => t(f.messageKey, f.params)).join(' ') });
      goTo(invalid[0]?.lines[0]);
      return;
    }
    const changes = [...changed.values()].map((c) => ({ ...c, reason: reasons[c.line] ?? '' }));
    await recordFact('ProtocolDraftSaved', { formId: form.id, formVersion: form.version, version: next.version, values: numeric(values), acknowledged, changes }, contextOf(setup, operator?.id ?? null));
    unsaved.forget();
    setMessage({ kind: 'ok', text: t('protocolScreen:draftSaved') });
  }

  async function sign() {
    const result = await signProtocolCommand(commands, {
      form, electionId: setup.election.id, precinct: setup.precinct.number, values, findings, members: setup.members, membersPresent: present, acknowledged,
      override: errors.length > 0 && chair && overrideReason.trim() ? { by: chair.id, reason: overrideReason } : null,
      known, changeReasons: reasons, undecidedComplaints: undecided, incidentReasons, hours,
    }, voterName, contextOf(setup, operator?.id ?? null));
    if (!result.ok) {
      setRefusals(result.error);
      return;
    }
    setRefusals([]);
    unsaved.forget();
    const signed = result.value.event.payload;
    setMessage({ kind: 'ok', text: t('protocolScreen:signed', { version: signed.version, hash: signed.hash.slice(0, 12) }) });
  }

  function voterName(voterId: string): string {
    const v = voterList.state === 'ready' ? voterList.list.byId.get(voterId) : undefined;
    return v ? t('protocolScreen:incidentVoter', { name: [v.surname, v.name, v.patronymic].filter(Boolean).join(' '), page: v.page, row: v.row }) : voterId;
  }

  const refusalText = (r: SigningRefusal) =>
    r.code === 'signing-before-close' ? t('protocol:signing.signing-before-close', { closes: zoned(r.closes), now: zoned(r.signedAt) }) :
    t(`protocol:signing.${r.code}`, { ...r, ...('lines' in r ? { lines: r.lines.map(lineNumber).join(', ') } : {}), ...('min' in r ? { count: r.min } : {}) });

  return (
    <div className="protocol" data-testid="protocol">
      <div className="screen-head">
        <h1>{t('protocolScreen:title')}</h1>
        <div className="actions">
          <button type="button" onClick={() => navigate('count')}>
            {t('count:title')}
          </button>
          <button type="button" onClick={() => navigate('protocol-prints')} data-testid="protocol-prints">
            {t('prints:menuTitle')}
          </button>
          {state.current && (
            <button type="button" onClick={() => navigate('print-protocol')} data-testid="protocol-print">
              {t('protocolScreen:print')}
            </button>
          )}
        </div>
      </div>
      {form.provisional && <p className="alert alert-warn">{t('protocolScreen:provisional')}</p>}
      {figures && <PageSumsDisagree heads={figures.pageSumsDisagree} />}
      {message && (
        <p className={message.kind === 'ok' ? 'alert alert-ok' : 'alert alert-error'} role="status" data-testid="protocol-message">
          {message.text}
        </p>
      )}
      {state.current && (
        <p className="alert alert-ok" data-testid="protocol-signed">
          {t('protocolScreen:signedVersion', { version: state.current.version, mark: t(`protocol:mark.${state.current.mark}`), hash: state.current.hash.slice(0, 12) })}
        </p>
      )}
      {state.correction && (
        <p className="alert alert-warn" data-testid="protocol-correction-open">
          {t('protocolScreen:correctionOpen', { version: state.correction.version, mark: t(`protocol:mark.${state.correction.mark}`), reason: state.correction.reason })}
        </p>
      )}
      {next && (
        <DoubleEntryPanel
          form={form}
          state={state}
          version={next.version}
          enabled={doubleEntry}
          onEnable={setDoubleEntry}
          values={values}
          onAgreed={(agreed) => {
            unsaved.forget();
            setTyped(Object.fromEntries(form.lines.map((l) => [l.key, String(agreed[l.key] ?? '')])));
          }}
          // The first entry is submitted: what it typed must not come back for the second one.
          onClear={() => {
            unsaved.forget();
            setTyped(Object.fromEntries(form.lines.map((l) => [l.key, known[l.key] ? String(known[l.key]?.value) : ''])));
          }}
        />
      )}
      <div className="protocol-grid">
        <section className="card">
          <table className="table protocol-lines" data-testid="protocol-lines">
            <tbody>
              {form.lines.map((line, index) => {
                const lineFindings = byLine.get(line.key) ?? [];
                const bad = lineFindings.some((f) => f.severity === 'error');
                const warn = !bad && lineFindings.length > 0;
                const k = known[line.key];
                const change = changed.get(line.key);
                return (
                  <tr key={line.key} className={bad ? 'line-error' : warn ? 'line-warn' : undefined}>
                    <td className="num">{line.number}</td>
                    <td>
                      {line.label[lng]}
                      {withdrawnOn(line.candidateId) && (
                        <span className="status-badge status-overdue" data-testid={`withdrawn-${line.number}`}>
                          {' '}
                          {t('protocolScreen:withdrawn', { date: formatDate(withdrawnOn(line.candidateId) ?? '', lng) })}
                        </span>
                      )}
                      {k !== undefined && <span className="muted"> · {t(`protocolScreen:source.${k.by === 'signatures' ? `${k.source}-signatures` : k.source}`, { value: n(k.value) })}</span>}
                      {change && next && (
                        <label className="field change-reason">
                          <span>{t('protocolScreen:changeReason', { known: n(change.known), value: n(change.value) })}</span>
                          <input
                            value={reasons[line.key] ?? ''}
                            onChange={(e) => {
                              setReasons({ ...reasons, [line.key]: e.target.value });
                              unsaved.keep('reasons', line.key, e.target.value);
                            }}
                            data-testid={`reason-${line.number}`}
                          />
                        </label>
                      )}
                    </td>
                    <td>
                      <input
                        ref={(el) => {
                          if (el) inputs.current.set(line.key, el);
                        }}
                        inputMode="numeric"
                        aria-label={`${line.number}. ${line.label[lng]}`}
                        value={typed[line.key] ?? ''}
                        disabled={!next || entryStage === 'differs'}
                        data-testid={`line-${line.number}`}
                        onChange={(e) => {
                          const digits = e.target.value.replace(/[^\d]/gu, '');
                          setTyped({ ...typed, [line.key]: digits });
                          unsaved.keep('values', line.key, digits);
                        }}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter') {
                            e.preventDefault();
                            goTo(form.lines[index + 1]?.key);
                          }
                        }}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="actions">
            <button type="button" onClick={() => void saveDraft()} disabled={!next} data-testid="protocol-save">
              {t('protocolScreen:saveDraft')}
            </button>
          </div>
        </section>
        <section className="card" data-testid="protocol-findings">
          <h2>{t('protocolScreen:findings', { errors: errors.length, warnings: warnings.length })}</h2>
          {findings.length === 0 && <p className="alert alert-ok">{t('protocolScreen:allHold')}</p>}
          {blank.length > 0 && (
            <p className="alert alert-warn" data-testid="blank-lines">
              {t('protocolScreen:blankLines', { lines: blank.map((f) => f.params.line).join(', ') })}{' '}
              <button type="button" className="link" onClick={() => goTo(blank[0]?.lines[0])}>
                {t('protocolScreen:goToLine')}
              </button>
            </p>
          )}
          <ul className="findings">
            {findings.filter((f) => f.code !== 'line-missing').map((f) => {
              const key = findingKey(f);
              return (
                <li key={key} className={f.severity === 'error' ? 'finding-error' : 'finding-warn'} data-testid="finding">
                  <strong>{t(f.messageKey, f.params)}</strong>
                  <p className="muted">{t(f.explanation)}</p>
                  <div className="actions">
                    {/* Every line of the failing relation, not only the first: any of them may be the wrong one. */}
                    <span className="go-to-lines">
                      {t('protocolScreen:goToLine')}:
                      {f.lines.map((k) => (
                        <button key={k} type="button" className="link" onClick={() => goTo(k)} aria-label={t('protocolScreen:goToLineN', { line: lineNumber(k) })}>
                          {lineNumber(k)}
                        </button>
                      ))}
                    </span>
                    {f.severity === 'warning' && next && (
                      <label className="check">
                        <input
                          type="checkbox"
                          checked={acknowledged.includes(key)}
                          onChange={(e) => setAcknowledged(e.target.checked ? [...acknowledged, key] : acknowledged.filter((k) => k !== key))}
                          data-testid="acknowledge"
                        />
                        <span>{t('protocolScreen:acknowledge')}</span>
                      </label>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
          {next && (
            <div className="signing">
              <h2>{t('protocolScreen:signTitle')}</h2>
              <p className="hint">{t('protocolScreen:presentHint')}</p>
              {setup.members.map((m) => (
                <label key={m.id} className="check">
                  <input type="checkbox" checked={present.includes(m.id)} onChange={(e) => setPresent(e.target.checked ? [...present, m.id] : present.filter((x) => x !== m.id))} />
                  <span>
                    {m.name} — {t(`common:role.${m.role}`)}
                  </span>
                </label>
              ))}
              {incidents.map((i) => (
                <div key={i.id} className="finding-warn" data-testid="incident-at-signing">
                  <strong>{t('protocolScreen:incidentOpen', { voter: voterName(i.voterId) })}</strong>
                  <p className="muted">{t('protocolScreen:incidentHint')}</p>
                  <label className="field">
                    <span>{t('protocolScreen:incidentReason', { count: MIN_REASON })}</span>
                    <textarea
                      rows={2}
                      value={incidentReasons[i.id] ?? ''}
                      onChange={(e) => setIncidentReasons({ ...incidentReasons, [i.id]: e.target.value })}
                      data-testid="incident-reason"
                    />
                  </label>
                </div>
              ))}
              {closesAt && (
                <div className="finding-warn" data-testid="signing-before-close">
                  <strong>{t('protocolScreen:beforeClose', { closes: zoned(closesAt), now: zoned(now) })}</strong>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={acknowledged.includes(BEFORE_CLOSE_KEY)}
                      onChange={(e) => setAcknowledged(e.target.checked ? [...acknowledged, BEFORE_CLOSE_KEY] : acknowledged.filter((k) => k !== BEFORE_CLOSE_KEY))}
                      data-testid="acknowledge"
                    />
                    <span>{t('protocolScreen:beforeCloseConfirm')}</span>
                  </label>
                </div>
              )}
              {errors.length > 0 && (
                <label className="field">
                  <span>{t('protocolScreen:overrideReason')}</span>
                  <textarea rows={2} value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} data-testid="override-reason" />
                </label>
              )}
              {refusals.length > 0 && (
                <ul className="alert alert-error" data-testid="signing-refusals">
                  {refusals.map((r) => (
                    <li key={r.code}>{refusalText(r)}</li>
                  ))}
                </ul>
              )}
              <button type="button" className="primary" onClick={() => void sign()} data-testid="protocol-sign">
                {t('protocolScreen:sign')}
              </button>
            </div>
          )}
        </section>
      </div>
      <MeetingPanel />
      {state.current && <CopiesPanel current={state.current} />}
      <VersionsPanel state={state} />
    </div>
  );
}
