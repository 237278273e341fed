/**
 * The list desk: find the voter as you type, issue the ballot with the keyboard, see a refusal
 * that says when and by whom, undo (chair or secretary) with a written reason.
 */
import { commands, contextOf, useOpeningState, useOutPremisesState, useVoterStatus } from '../../core';
import { fullName } from '../../ui/voter-name';
import { memo, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type Ref, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { MIN_UNDO_REASON, type VoterBallotStatus } from '../../../shared/ballots/issue';
import { MIN_HOURS_EXCEPTION_REASON, votingHoursOf, type HoursOutside, type HoursRefusal } from '../../../shared/ballots/hours';
import type { SearchHit, VoterRecord } from '../../../shared/voters';
import { formatClock, formatDate, formatDateTime, formatNumber } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSession, useSetup } from '../../app/session';
import { issueBallot, undoBallotIssue } from '../../core/ballots';
import { startListChecks, useListComing, useVoterList, type LoadedList } from '../../core/voter-list';
import { VirtualList } from './VirtualList';
import { useBallotsIssued } from '../../core/figures';
import { DeskIncidentForm, DeskIncidentList } from './DeskIncidents';
import { DutyNotice, dutyWarningText } from './DutyNotice';
import { IncidentBanner } from '../../ui/Incidents';
import { roomIssueNotice, type OutPremisesState } from '../../../shared/outpremises';
import type { OpeningState } from '../../../shared/opening';

/** At most this many hits are listed (scrolled, rendered only in view); the count shown is the real one. */
export const DESK_HIT_CAP = 200;
/** Rows the desk's list shows at once. */
const SHOWN_ROWS = 8;
/** Rows the desk's list shows at once when a row takes two lines. */
const SHOWN_ROWS_TWO_LINE = 6;
/**
 * The result rows' layout: one line (page/row, name, year, status) when the list is wide enough for a
 * whole name beside the rest, otherwise two (the name across the row; page/row, year and status below),
 * so a narrow list (a 1024 px window, the large-text setting) never cuts "Түлөбердиев Медербек …"
 * down to "Түлө…" and namesakes are told apart on the list itself. Sizes are in rem (the text size
 * scales them); the list's width in rem is what decides.
 */
const ROW_REM = 2.875; // 46 px at 100 %
const TWO_LINE_ROW_REM = 4;
/**
 * Below this width of the list (rem) the name has less than ≈ 22 rem beside page/row, year and status:
 * "Түлөбердиев Медербек Кубанычбекович" (35 letters) no longer fits one line. A 1280 px window at
 * 100 % is below it, a 1600 px one above.
 */
const ONE_LINE_MIN_REM = 40;
interface RowLayout {
  twoLine: boolean;
  rowHeight: number;
  /** Rows the list shows at once: fewer two-line rows, so the list stays about as tall. */
  shown: number;
}
const FIRST_LAYOUT: RowLayout = { twoLine: false, rowHeight: 46, shown: SHOWN_ROWS };

/** The row layout for the list inside `section` (its content box), followed as the window or the text size changes. */
function useRowLayout(section: RefObject<HTMLElement | null>, remProbe: RefObject<HTMLElement | null>): RowLayout {
  const [layout, setLayout] = useState<RowLayout>(FIRST_LAYOUT);
  useLayoutEffect(() => {
    const el = section.current;
    const probe = remProbe.current;
    if (!el || !probe) return;
    const measure = () => {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      const style = getComputedStyle(el);
      const width = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const twoLine = width / rem < ONE_LINE_MIN_REM;
      const rowHeight = Math.round((twoLine ? TWO_LINE_ROW_REM : ROW_REM) * rem);
      setLayout((old) => (old.twoLine === twoLine && old.rowHeight === rowHeight ? old : { twoLine, rowHeight, shown: twoLine ? SHOWN_ROWS_TWO_LINE : SHOWN_ROWS }));
    };
    measure();
    // The probe is 1 rem wide: the text-size setting resizes it even when the list keeps its pixels.
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    observer.observe(probe);
    return () => observer.disconnect();
  }, [section, remProbe]);
  return layout;
}
/** The listbox of results the search box controls, and the id of a voter's option in it. */
const RESULTS_ID = 'voter-results-list';
const optionId = (voterId: string) => `voter-option-${voterId}`;
const NO_HITS: { hits: SearchHit[]; total: number } = { hits: [], total: 0 };
// Parts of the desk that take no props: not rendered again on every key.
const Banner = memo(IncidentBanner);
const Incidents = memo(DeskIncidentList);

export function VotersScreen() {
  const { t } = useTranslation();
  // On a reload, the list opened before its row's checks answers the search at once (issue 19);
  // nothing is opened or issued from it until they have passed (`checked`).
  const list = useVoterList({ unchecked: true });
  // A reload of the desk whose list is on its way (its row being read): the search box shows now
  // and what is typed is answered once the list is open — the same desk, so the text and the focus stay.
  const coming = useListComing();
  if (list.state === 'loading') return coming ? <Desk list={null} checked={false} /> : <p className="loading">{t('voters:loadingList')}</p>;
  if (list.state === 'error') return <p className="alert alert-error">{t('voters:listMissing', { detail: list.message })}</p>;
  if (list.state === 'none') {
    return (
      <section className="card" data-testid="no-list">
        <h1>{t('voters:title')}</h1>
        <p>{t('voters:noList')}</p>
        <button type="button" className="primary" onClick={() => navigate('voters-import')} data-testid="go-import">
          {t('voters:importList')}
        </button>
      </section>
    );
  }
  return <Desk list={list.list} checked={!list.unchecked} />;
}

/** `list` null: the list is on its way (a reload): the search box takes keys, nothing is answered yet. */
function Desk({ list, checked }: { list: LoadedList | null; checked: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  // The setup and the operator are null while they are read after a reload (App.tsx): the search
  // answers meanwhile; a chosen voter's card (and so issuing) waits until they are known.
  const { setup, operator } = useSession();
  // The search (its box, count and rows) holds what is typed: a key renders it alone, not the rest of
  // the desk (issue 19, desk.keystroke.p95). The desk reads and empties the box through `search`.
  const search = useRef<SearchHandle>(null);
  const [chosen, setChosen] = useState<VoterRecord | null>(null);
  // The list searched before its checks failed them: replaced by the list built from its blob. What
  // was opened from the old one (a voter, a "not in the list") is let go, never issued or recorded.
  const [shownList, setShownList] = useState(list);
  const [message, setMessage] = useState<{ kind: 'ok' | 'warn' | 'error'; text: string } | null>(null);
  const opening = useOpeningState();
  const [incident, setIncident] = useState<string | null>(null);
  if (shownList !== list) {
    setShownList(list);
    // (The list's first coming, on a reload, replaces nothing.)
    if (shownList) {
      setChosen(null);
      setIncident(null);
    }
  }
  // The row's checks start once the search has answered from it (after that frame: DeskSearch), or as
  // soon as a voter or an incident is opened: until they pass, the card waits (no issue button).
  const wantsChecks = !checked && (chosen !== null || incident !== null);
  // (Again once the list is here: a text typed before it came asks for them then.)
  useEffect(() => {
    if (wantsChecks && list) startListChecks();
  }, [wantsChecks, list]);
  // The voter whose issue was refused for the hours, and why: the chair's exception form shows on the card.
  const [hoursRefused, setHoursRefused] = useState<{ voterId: string; outside: HoursOutside } | null>(null);
  // Bumped on every choice, so the card's action takes the focus again even for the same voter
  // (open 7/7, undo, type 7/7, Enter: the next Enter must reach the issue button).
  const [focusTick, setFocusTick] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  // An issue is being written (from Enter to its answer): keys typed meanwhile go to the search.
  const writing = useRef(false);
  // The box's text the issue being written was opened from: keys typed meanwhile replace it (the
  // next voter), never add to it ('1/8' then '1/9' typed is '1/9', not '1/81/9').
  const writingFrom = useRef('');
  // The desk reads the open voter's status; each row of the search reads its own (ResultRow).
  const chosenStatus = useVoterStatus(chosen?.id ?? null);
  const outside = useOutPremisesState();
  const memberName = (id: string | null) => setup?.members.find((m) => m.id === id)?.name ?? id ?? '—';

  // Opening a voter (a row's click, Enter in the box): one function for the desk's life, so the
  // search (memoised) is not rendered again by the desk's own renders.
  const chooseNow = useRef(choose);
  useLayoutEffect(() => {
    chooseNow.current = choose;
  });
  const onOpen = useCallback((v: VoterRecord | undefined, typed: string) => chooseNow.current(v, typed), []);

  // A key typed while nothing has the focus (a form that closed took it away) goes to the search,
  // never nowhere.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const idle = document.activeElement === null || document.activeElement === document.body;
      if (idle && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) input.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  function choose(v: VoterRecord | undefined, typed: string) {
    if (!v) {
      // Enter with nothing to open says so instead of doing nothing.
      if (typed.trim() !== '') setMessage({ kind: 'error', text: t('voters:enterNoHit', { query: typed.trim() }) });
      return;
    }
    setChosen(v);
    setMessage(null);
    setHoursRefused(null);
    setFocusTick((n) => n + 1);
  }

  function hoursText(r: HoursRefusal): string {
    if (r.code === 'exception-not-chair') return t('voters:hours.exception-not-chair');
    if (r.code === 'exception-reason') return t('voters:hours.exceptionReasonRequired', { count: r.min });
    return t(`voters:hours.${r.outside}`, {
      today: formatDate(r.local.date, lng),
      time: r.local.time,
      zone: r.hours.timeZone,
      day: formatDate(r.hours.votingDay, lng),
      from: r.hours.from,
      to: formatClock(r.hours.to),
    });
  }

  async function issue(v: VoterRecord, exceptionReason: string | null = null) {
    // Never before the setup and the operator are known, nor from a list before its checks (the card is not shown until then).
    if (!setup || !checked || !list) return;
    const typed = search.current?.query() ?? '';
    // Keys typed while the issue is being written go to the search box, not to the issue button: the
    // desk's key handler moves them there (`writing`). The focus itself is not moved before the write:
    // a focus change is a frame to paint, and the confirmation waited behind it (issue 19,
    // desk.issue.p95: p50 34 -> 18 ms).
    if (exceptionReason === null) {
      writing.current = true;
      writingFrom.current = typed;
    }
    try {
      // One reading of the clock (the training clock in training), taken by the command: judged
      // against the voting hours in the precinct's zone and stamped on the event.
      const exception = exceptionReason === null ? null : { reason: exceptionReason, by: operator?.id ?? null, role: operator?.role ?? null };
      const outcome = await issueBallot(commands, { voterId: v.id, page: v.page, row: v.row }, list.meta.listHash, contextOf(setup, operator?.id ?? null), {
        hours: votingHoursOf(setup),
        exception,
      });
      if (!outcome.ok) {
        const refusal = outcome.error;
        if (refusal.code === 'already-issued') {
          setMessage({ kind: 'error', text: t('voters:refusedAlready', { at: formatDateTime(refusal.at, lng, setup.precinct.timeZone), by: memberName(refusal.by) }) });
        } else if (refusal.code === 'voted-outside') {
          setMessage({
            kind: 'error',
            text: t('voters:refusedOutside', { number: refusal.number, team: refusal.team, at: formatDateTime(refusal.at, lng, setup.precinct.timeZone), by: memberName(refusal.by) }),
          });
        } else if (refusal.code === 'not-in-list' || refusal.code === 'no-list') {
          setMessage({ kind: 'error', text: t('voters:issueFailed', { reason: refusal.code }) });
        } else {
          if (refusal.code === 'outside-hours') setHoursRefused({ voterId: v.id, outside: refusal.outside });
          setMessage({ kind: 'error', text: hoursText(refusal) });
        }
        if (exceptionReason === null) input.current?.focus({ preventScroll: true });
        return;
      }
      const issued = outcome.value.event;
      setHoursRefused(null);
      const said = { name: fullName(v), page: v.page, row: v.row };
      const issuedText = issued.payload.hoursException ? t('voters:hours.issuedWithException', said) : t('voters:issued', said);
      // Item 72: a member who holds no issuing duty by the lot is warned again as the ballot is issued.
      const duty = dutyWarningText(t, opening, issued.actor);
      // A voter with an open out-of-premises application came to the room: the entry is to be
      // withdrawn, or the team still goes to the house (its visit would then be refused).
      const applied = roomIssueNotice(outside, v.id);
      const notes = [duty, applied ? t('voters:appliedOutside', { number: applied.params.number }) : null].filter((x): x is string => x !== null && x !== '');
      // Rendered now, from the command's answer, before any other task (the screens' live queries
      // read again after it): the confirmation reaches the next frame (issue 19, desk.issue.p95).
      flushSync(() => {
        setMessage(notes.length > 0 ? { kind: 'warn', text: [issuedText, ...notes].join(' ') } : { kind: 'ok', text: issuedText });
        // The next voter's name may already be being typed while the issue was written: keep it.
        setChosen((c) => (c?.id === v.id ? null : c));
        search.current?.clear(typed);
      });
      input.current?.focus();
    } catch (e) {
      // Never a silent no-op: whatever stopped the issue is said on the card.
      setMessage({ kind: 'error', text: t('voters:issueFailed', { reason: e instanceof Error ? e.message : String(e) }) });
      if (exceptionReason === null) input.current?.focus({ preventScroll: true });
    } finally {
      if (exceptionReason === null) writing.current = false;
    }
  }

  return (
    <div
      className="desk"
      data-testid="desk"
      onKeyDownCapture={(e) => {
        // While an issue is written, the next voter's keys go to the search box (the focus moves as
        // the key goes down, so its character lands there); a second Enter issues nothing more.
        if (!writing.current || e.target === input.current) return;
        const toSearch = () => {
          const box = input.current;
          if (!box) return;
          box.focus({ preventScroll: true });
          // Still the text of the voter being issued: what is typed next replaces it.
          if (box.value !== '' && box.value === writingFrom.current) box.select();
        };
        if (e.key === 'Enter') {
          e.preventDefault();
          e.stopPropagation();
          toSearch();
        } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
          toSearch();
        }
      }}
    >
      {setup && <Banner />}
      <DeskHead size={list?.size ?? null} />
      <div className="desk-grid">
        <DeskSearch list={list} checked={checked} input={input} handle={search} onOpen={onOpen} onNotInList={setIncident} />
        <section className="card voter-card" data-testid="voter-card">
          {message && (
            <p className={`alert alert-${message.kind}`} role="status" data-testid="desk-message">
              {message.text}
            </p>
          )}
          {(!setup || !checked) && (incident !== null || chosen) ? (
            // Opened before the setup and the operator were read, or before the list's checks have
            // passed (a reload): the card, its issue button with it, comes once they are.
            <p className="loading" role="status" data-testid="desk-waiting">
              {t('common:loading')}
            </p>
          ) : incident !== null ? (
            <DeskIncidentForm
              person={incident}
              onCancel={() => setIncident(null)}
              onDone={(text) => {
                setIncident(null);
                search.current?.clear();
                setMessage({ kind: 'ok', text });
                input.current?.focus();
              }}
            />
          ) : chosen ? (
            <VoterDetail
              voter={chosen}
              status={chosenStatus}
              opening={opening}
              focusTick={focusTick}
              onIssue={() => void issue(chosen)}
              onClose={() => {
                // Escape: the card closes and the search takes the keys again, what it held selected.
                setChosen(null);
                setHoursRefused(null);
                input.current?.focus();
                input.current?.select();
              }}
              hoursRefused={hoursRefused?.voterId === chosen.id ? hoursRefused.outside : null}
              onIssueWithException={(reason) => issue(chosen, reason)}
              onUndo={async (reason) => {
                const undone = await undoBallotIssue(commands, chosen.id, operator?.role ?? null, reason, contextOf(setup, operator?.id ?? null));
                if (undone.ok) {
                  setMessage({ kind: 'ok', text: t('voters:undone') });
                  // The undo form is gone with its button: the next keys go to the search and replace
                  // what it held (type 7/7, Enter, Enter).
                  input.current?.focus();
                  input.current?.select();
                }
                else setMessage({ kind: 'error', text: t(`voters:undoRefused.${undone.error.code}`, undone.error.code === 'reason-required' ? { count: undone.error.min } : {}) });
              }}
              memberName={memberName}
            />
          ) : (
            <IdleCard onRecord={setIncident} />
          )}
        </section>
      </div>
      {setup && <Incidents />}
    </div>
  );
}

/** What the desk asks of its search: the text in its box, and to empty it. */
interface SearchHandle {
  query(): string;
  /** Empties the box if it still holds `typed` (the next voter's name may be being typed); with no `typed`, whatever it holds. */
  clear(typed?: string): void;
}

interface DeskSearchProps {
  list: LoadedList | null;
  checked: boolean;
  /** The box: the desk gives it the focus back (after an issue, a closed card, a key typed nowhere). */
  input: RefObject<HTMLInputElement | null>;
  handle: Ref<SearchHandle>;
  /** A voter opened (a row's click, Enter), or Enter with nothing to open (`undefined`) and the text typed. Stable. */
  onOpen(v: VoterRecord | undefined, typed: string): void;
  /** "Not in the list": an incident for the person typed. Stable. */
  onNotInList(person: string): void;
}

/**
 * The desk's search: the box, the count found and the rows. It holds what is typed, so a key renders
 * it alone; the rest of the desk (its figures, banners, the voter's card) takes no part in a
 * keystroke (issue 19, desk.keystroke.p95: a key rendered and committed the whole desk).
 */
const DeskSearch = memo(function DeskSearch({ list, checked, input, handle, onOpen, onNotInList }: DeskSearchProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const [query, setQuery] = useState('');
  // The row chosen with the arrows, for the text it was chosen in: a new text starts at the first row
  // (set with the text, not by an effect after it, which rendered the search a second time a key).
  const [selection, setSelection] = useState({ query: '', index: 0 });
  const typedNow = useRef(query);
  useLayoutEffect(() => {
    typedNow.current = query;
  });
  useImperativeHandle(
    handle,
    () => ({
      query: () => typedNow.current,
      clear(typed?: string) {
        setQuery((q) => (typed === undefined || q === typed ? '' : q));
        setSelection((s) => (typed === undefined || s.query === typed ? { query: '', index: 0 } : s));
      },
    }),
    [],
  );
  // A list opened before its checks (a reload): they start once the search has answered from it.
  const wantsChecks = !checked && query.trim() !== '';
  useEffect(() => {
    if (wantsChecks && list) startListChecks();
  }, [wantsChecks, list]);
  const searchCard = useRef<HTMLElement>(null);
  const remProbe = useRef<HTMLSpanElement>(null);
  const rows = useRowLayout(searchCard, remProbe);
  // The search runs in the keystroke's own render (≈ 1 ms over 100,000 voters) and only the rows in
  // view are rendered, so the key and its results reach the screen in the same frame. (Deferring
  // it cost a second render and a frame on every key: desk.keystroke.p95 in `npm run bench`.)
  const found = useMemo(() => (list && query.trim() ? searchList(list, checked, query, DESK_HIT_CAP) : NO_HITS), [list, checked, query]);
  const hits = found.hits;
  const selected = selection.query === query ? selection.index : 0;
  // Each row reads its own voter's status (ResultRow, useVoterStatus: read once, after the key's
  // frame, for the rows rendered only).
  const badgeWords = useMemo(() => badgeWordsOf(t), [t]);
  const outside = useOutPremisesState();
  // The rows are memoised: their click is one function while the desk's is.
  const onChoose = useCallback((v: VoterRecord) => onOpen(v, ''), [onOpen]);
  // Words that do not change with what is typed: looked up once a language, not on every key.
  const words = useMemo(() => ({ searchLabel: t('voters:searchLabel'), searchPlaceholder: t('voters:searchPlaceholder') }), [t]);
  const shownQuery = query;

  return (
    <section className="card search-card" ref={searchCard}>
      <span className="rem-probe" aria-hidden="true" ref={remProbe} />
      <label className="field">
        <span>{words.searchLabel}</span>
        <input
          ref={input}
          autoFocus
          type="search"
          value={query}
          placeholder={words.searchPlaceholder}
          data-testid="voter-search"
          // A combobox over the listbox of results (WAI-ARIA "list autocomplete"): the focus stays
          // here while the arrows choose; a screen reader hears the chosen option through
          // aria-activedescendant (the list keeps that row rendered: it is kept in view).
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={hits.length > 0}
          aria-controls={hits.length > 0 ? RESULTS_ID : undefined}
          aria-activedescendant={hits.length > 0 && hits[selected] ? optionId(hits[selected].voter.id) : undefined}
          onChange={(e) => {
            setQuery(e.target.value);
            setSelection({ query: e.target.value, index: 0 });
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setSelection({ query, index: Math.min(hits.length - 1, selected + 1) });
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setSelection({ query, index: Math.max(0, selected - 1) });
            } else if (e.key === 'PageDown' || e.key === 'PageUp') {
              // A page of the rows in view at a time (the list keeps the chosen row scrolled in).
              e.preventDefault();
              setSelection({ query, index: Math.max(0, Math.min(hits.length - 1, selected + (e.key === 'PageDown' ? rows.shown : -rows.shown))) });
            } else if (e.key === 'Enter') {
              e.preventDefault();
              // The list not here yet: nothing to open (it answers what is typed when it comes).
              if (!list) return;
              // The rows are those of what was typed (searched in the key's own render): it opens the chosen one.
              onOpen(hits[selected]?.voter, query);
            }
          }}
        />
      </label>
      {/* A status (WCAG 4.1.3): the focus stays in the search box, so a screen reader hears how many were found only from here. */}
      {/* No list yet: "loading", and no data-query (no answer for the text yet). */}
      <p className="hint" role="status" data-testid="found-count" data-query={list ? shownQuery : undefined}>
        {!list
          ? t('voters:loadingList')
          : !shownQuery.trim()
            ? t('voters:searchHint')
            : found.total > hits.length
              ? t('voters:foundFirst', { total: formatNumber(found.total, lng), shown: formatNumber(hits.length, lng) })
              : t('voters:found', { total: formatNumber(found.total, lng) })}
      </p>
      {list && shownQuery.trim() && hits.length === 0 && (
        <div className="alert alert-warn" data-testid="not-found">
          {t('voters:notFound')}{' '}
          <button type="button" onClick={() => onNotInList(shownQuery.trim())} data-testid="record-not-in-list">
            {t('voters:incident.recordNotInList')}
          </button>
        </div>
      )}
      {list && hits.length > 0 && <VirtualList
        items={hits}
        rowHeight={rows.rowHeight}
        height={Math.min(rows.shown, Math.max(1, hits.length)) * rows.rowHeight}
        className={rows.twoLine ? 'two-line' : undefined}
        active={selected}
        getKey={(h) => h.voter.id}
        testId="voter-results"
        list={{ id: RESULTS_ID, label: words.searchLabel }}
        render={(h, i) => <ResultRow list={list} hit={h} position={i + 1} setSize={hits.length} selected={i === selected} outside={outside} onChoose={onChoose} words={badgeWords} />}
      />}
    </section>
  );
});

/**
 * The search's answer. A list opened before its checks (a reload) may not be sound: what its search
 * throws is no answer, and its checks start (they fail, and the list is built from its blob).
 */
function searchList(list: LoadedList, checked: boolean, query: string, limit: number): { hits: SearchHit[]; total: number } {
  try {
    return list.index.searchCounted(query, limit);
  } catch (e) {
    if (checked) throw e;
    startListChecks();
    return NO_HITS;
  }
}

/** The desk's title line: the ballots issued of the list, rendered again only when the count changes. */
const DeskHead = memo(function DeskHead({ size }: { size: number | null }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  // The one definition of ballots issued (shared/figures): the same figure as the protocol's line and the center.
  const issuedCount = useBallotsIssued().room;
  return (
    <div className="screen-head">
      <h1>{t('voters:title')}</h1>
      <div className="actions">
        {size !== null && (
          <span className="muted" data-testid="issued-count">
            {t('voters:issuedOf', { issued: formatNumber(issuedCount, lng), total: formatNumber(size, lng) })}
          </span>
        )}
        <button type="button" onClick={() => navigate('voters-import')}>
          {t('voters:importNewer')}
        </button>
      </div>
    </div>
  );
});

/** The card with no voter open: a hint and the button to record an incident. */
const IdleCard = memo(function IdleCard({ onRecord }: { onRecord(person: string): void }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="hint">{t('voters:chooseHint')}</p>
      <button type="button" className="link" onClick={() => onRecord('')} data-testid="record-incident">
        {t('voters:incident.recordOther')}
      </button>
    </>
  );
});

interface ResultRowProps {
  /** The list the hit is from (a voter's index means that voter only within one list). */
  list: LoadedList;
  hit: SearchHit;
  /** Its place among the results listed (1-based) and how many are listed: said to a screen reader, the list showing only some. */
  position: number;
  setSize: number;
  selected: boolean;
  outside: OutPremisesState;
  onChoose(v: VoterRecord): void;
  words: BadgeWords;
}

/**
 * One row of results. Rendered again only when what it shows changes (another voter, the selection,
 * the status): a keystroke whose results keep a row on screen does not render it again. The hit is
 * a new object on every search; the voter's index in the list says whether it is the same row. The
 * row reads its voter's status itself: its answer renders that row alone.
 */
const ResultRow = memo(
  function ResultRow({ hit, position, setSize, selected, outside, onChoose, words }: ResultRowProps) {
    const v = hit.voter;
    const status = useVoterStatus(v.id);
    return (
      <button
        type="button"
        role="option"
        id={optionId(v.id)}
        aria-selected={selected}
        aria-posinset={position}
        aria-setsize={setSize}
        className={`voter-row ${selected ? 'selected' : ''}`}
        onClick={() => onChoose(v)}
        data-testid="voter-row"
      >
        <span className="pr">
          {v.page}/{v.row}
        </span>
        <span className="nm">{fullName(v)}</span>
        <span className="by">{v.birthYear}</span>
        <StatusBadge status={status} outside={outside} voterId={v.id} words={words} />
      </button>
    );
  },
  (a, b) => a.list === b.list && a.hit.index === b.hit.index && a.position === b.position && a.setSize === b.setSize && a.selected === b.selected && a.outside === b.outside && a.onChoose === b.onChoose && a.words === b.words,
);

/** A status badge's words, looked up once a language (a lookup a row on every key was a large part of a keystroke's render). */
interface BadgeWords {
  issued: string;
  votedOutside: string;
  notYet: string;
  inRegister(number: number): string;
}

function badgeWordsOf(t: TFunction): BadgeWords {
  return {
    issued: t('voters:status.issued'),
    votedOutside: t('voters:status.votedOutside'),
    notYet: t('voters:status.notYet'),
    inRegister: (number) => t('voters:status.inRegister', { number }),
  };
}

function StatusBadge({ status, outside, voterId, words }: { status: VoterBallotStatus | undefined; outside: OutPremisesState; voterId: string; words: BadgeWords }) {
  if (status?.issued) return <span className="status-badge status-done">{words.issued}</span>;
  if (outside.votedOutside[voterId]) return <span className="status-badge status-done">{words.votedOutside}</span>;
  const number = outside.activeByVoter[voterId];
  if (number !== undefined) return <span className="status-badge status-in-progress">{words.inRegister(number)}</span>;
  return <span className="status-badge">{words.notYet}</span>;
}

function VoterDetail({
  voter,
  status,
  onIssue,
  onClose,
  onUndo,
  memberName,
  focusTick,
  hoursRefused,
  onIssueWithException,
  opening,
}: {
  voter: VoterRecord;
  status: VoterBallotStatus | undefined;
  opening: OpeningState;
  focusTick: number;
  /** The last issue to this voter was refused for the hours: the chair may record an exception. */
  hoursRefused: HoursOutside | null;
  onIssueWithException(reason: string): Promise<void>;
  onIssue(): void;
  /** Escape on the card: back to the search. */
  onClose(): void;
  onUndo(reason: string): Promise<void>;
  memberName(id: string | null): string;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const [reason, setReason] = useState('');
  const issueButton = useRef<HTMLButtonElement>(null);
  useEffect(() => issueButton.current?.focus(), [voter.id, focusTick]);
  // The voter's status is read after the card first shows: when it turns out issued, the button that
  // had the focus is replaced by the undo form's; the focus, left on the page body, goes to its button.
  const issued = Boolean(status?.issued);
  useEffect(() => {
    const active = document.activeElement;
    if (active === null || active === document.body) issueButton.current?.focus();
  }, [issued]);
  const mayUndo = operator?.role === 'chair' || operator?.role === 'secretary';
  return (
    <div
      data-testid="voter-detail"
      onKeyDown={(e) => {
        // Enter anywhere on the card but in a text field or on a button issues (or says why not).
        const target = e.target as HTMLElement;
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        } else if (e.key === 'Enter' && !['BUTTON', 'TEXTAREA', 'INPUT', 'SELECT', 'A'].includes(target.tagName)) {
          e.preventDefault();
          onIssue();
        }
      }}
    >
      <h2>{fullName(voter)}</h2>
      <dl className="facts">
        <dt>{t('voters:field.pageRow')}</dt>
        <dd>
          {voter.page} / {voter.row}
        </dd>
        <dt>{t('voters:field.birth')}</dt>
        <dd>{voter.birthDate ? formatDate(voter.birthDate, i18n.language) : voter.birthYear}</dd>
        <dt>{t('voters:field.address')}</dt>
        <dd>{voter.address || '—'}</dd>
        <dt>{t('voters:field.document')}</dt>
        <dd>{voter.document || voter.pin || '—'}</dd>
      </dl>
      {voter.marks.length > 0 && (
        // Hospital and custody lists (from the institutions, 12 days before): such a voter is expected
        // to vote where they stay, with the out-of-premises team. Said, never blocking.
        <p className="alert alert-warn" data-testid="voter-marks">
          {t('voters:marks.notice', { marks: voter.marks.map((m) => t(`voters:marks.${m}`)).join(', ') })}
        </p>
      )}
      {status?.issued ? (
        <>
          <p className="alert alert-warn" data-testid="already-issued">
            {t('voters:alreadyIssued', { at: formatDateTime(status.issued.at, lng, setup.precinct.timeZone), by: memberName(status.issued.by) })}
          </p>
          <label className="field">
            <span>{t('voters:undoReason')}</span>
            <span className="hint" id="undo-reason-min" data-testid="undo-reason-min">
              {t('voters:undoReasonMin', { count: MIN_UNDO_REASON, typed: reason.trim().length })}
            </span>
            <textarea
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={2}
              data-testid="undo-reason"
              disabled={!mayUndo}
              aria-describedby="undo-reason-min"
              minLength={MIN_UNDO_REASON}
            />
          </label>
          {!mayUndo && <p className="hint">{t('voters:undoOnlyChairSecretary')}</p>}
          <div className="actions">
            <button ref={issueButton} type="button" onClick={onIssue} data-testid="issue-again">
              {t('voters:issue')}
            </button>
            <button type="button" disabled={!mayUndo || reason.trim().length < MIN_UNDO_REASON} onClick={() => void onUndo(reason).then(() => setReason(''))} data-testid="undo-issue">
              {t('voters:undo')}
            </button>
          </div>
        </>
      ) : (
        <div className="actions">
          <DutyNotice opening={opening} />
          <button ref={issueButton} type="button" className="primary big" onClick={onIssue} data-testid="issue-ballot">
            {t('voters:issue')} ⏎
          </button>
        </div>
      )}
      {hoursRefused && !status?.issued && <HoursException outside={hoursRefused} onRecord={onIssueWithException} />}
      {status && status.undone.length > 0 && (
        <div className="undo-history">
          <h3>{t('voters:undoHistory')}</h3>
          <ul>
            {status.undone.map((u) => (
              <li key={u.eventId}>
                {formatDateTime(u.at, lng, setup.precinct.timeZone)} · {memberName(u.by)}: {u.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** The chair's exception to the voting hours: a written reason, kept in the event and listed with the protocol's attachments. */
function HoursException({ outside, onRecord }: { outside: HoursOutside; onRecord(reason: string): Promise<void> }) {
  const { t } = useTranslation();
  const setup = useSetup();
  const { operator } = useSession();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const isChair = operator?.role === 'chair';
  const typed = reason.trim().length;
  return (
    <div className="hours-exception" data-testid="hours-exception">
      <h3>{t('voters:hours.exceptionTitle')}</h3>
      <p className="hint">{outside === 'after-closing' ? t('voters:hours.exceptionHintClosing', { to: formatClock(setup.election.votingHours.to) }) : t('voters:hours.exceptionHintOther')}</p>
      {isChair ? (
        <>
          <label className="field">
            <span>{t('voters:hours.exceptionReason')}</span>
            <span className="hint" id="hours-reason-min" data-testid="hours-reason-min">
              {t('voters:hours.exceptionReasonMin', { count: MIN_HOURS_EXCEPTION_REASON, typed })}
            </span>
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} aria-describedby="hours-reason-min" data-testid="hours-reason" />
          </label>
          <div className="actions">
            <button
              type="button"
              disabled={busy || typed < MIN_HOURS_EXCEPTION_REASON}
              onClick={() => {
                setBusy(true);
                void onRecord(reason).finally(() => setBusy(false));
              }}
              data-testid="hours-exception-record"
            >
              {t('voters:hours.exceptionRecord')}
            </button>
          </div>
        </>
      ) : (
        <p className="hint" data-testid="hours-only-chair">{t('voters:hours.exceptionOnlyChair')}</p>
      )}
    </div>
  );
}
