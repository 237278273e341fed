import { Suspense, useEffect } from 'react';
import { lazyNamed } from './lazy';
import { PageLoading } from '../ui/page-loading';
import { useTranslation } from 'react-i18next';
import { VotersScreen } from '../features/voters/VotersScreen';
import { formatDate } from './format';
import { loadLanguages, type Language } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { TextSizeSwitch } from './TextSizeSwitch';
import { OnlineIndicator } from './OnlineIndicator';
import { ClockWarning } from './ClockWarning';
import { navigate, useRoute, type Route } from './router';
import { useSession } from './session';
import { localized } from './localized';
import { TRAINING } from './mode';
import { TrainingBar } from '../features/training/TrainingBar';
import { ModeMarker } from '../features/training/ModeMarker';

// Every screen but the desk is its own chunk, loaded when first shown (issue 19: a reload compiles
// and runs only what the desk needs before it answers a search).
// Training only: its scenarios (their catalog, the demo election, the handouts) are not fetched,
// compiled and run on a real election's start (issue 19: reload → desk).
const ScenarioStrip = lazyNamed(() => import('../features/training/ScenariosPanel'), 'ScenarioStrip');
const ApplicationsPrintPage = lazyNamed(() => import('../features/applications/ApplicationsPrintPage'), 'ApplicationsPrintPage');
const ApplicationsScreen = lazyNamed(() => import('../features/applications/ApplicationsScreen'), 'ApplicationsScreen');
const SyncScreen = lazyNamed(() => import('../features/sync/SyncScreen'), 'SyncScreen');
const ProtocolScreen = lazyNamed(() => import('../features/protocol/ProtocolScreen'), 'ProtocolScreen');
const CountScreen = lazyNamed(() => import('../features/ledger/CountScreen'), 'CountScreen');
const LedgerScreen = lazyNamed(() => import('../features/ledger/LedgerScreen'), 'LedgerScreen');
const RegisterScreen = lazyNamed(() => import('../features/outpremises/RegisterScreen'), 'RegisterScreen');
const RegisterPrintPage = lazyNamed(() => import('../features/outpremises/RegisterPrintPage'), 'RegisterPrintPage');
const TripSheetsPrintPage = lazyNamed(() => import('../features/outpremises/TripSheetsPrintPage'), 'TripSheetsPrintPage');
const ProtocolPrintPage = lazyNamed(() => import('../features/protocol/ProtocolPrintPage'), 'ProtocolPrintPage');
const MeetingPrintPage = lazyNamed(() => import('../features/protocol/MeetingPrintPage'), 'MeetingPrintPage');
const ActsPrintPage = lazyNamed(() => import('../features/protocol/prints/ActsPrintPage'), 'ActsPrintPage');
const CopiesLogPrintPage = lazyNamed(() => import('../features/protocol/prints/CopiesLogPrintPage'), 'CopiesLogPrintPage');
const EnlargedPrintPage = lazyNamed(() => import('../features/protocol/prints/EnlargedPrintPage'), 'EnlargedPrintPage');
const PrintsMenu = lazyNamed(() => import('../features/protocol/prints/PrintsMenu'), 'PrintsMenu');
const CalendarScreen = lazyNamed(() => import('../features/calendar/CalendarScreen'), 'CalendarScreen');
const CalendarPrintPage = lazyNamed(() => import('../features/calendar/CalendarPrintPage'), 'CalendarPrintPage');
const ProfileScreen = lazyNamed(() => import('../features/setup/ProfileScreen'), 'ProfileScreen');
const ImportScreen = lazyNamed(() => import('../features/voters/import/ImportScreen'), 'ImportScreen');
const PagesPrintPage = lazyNamed(() => import('../features/voters/PagesPrintPage'), 'PagesPrintPage');
const PagesScreen = lazyNamed(() => import('../features/voters/PagesScreen'), 'PagesScreen');
const OpeningScreen = lazyNamed(() => import('../features/opening/OpeningScreen'), 'OpeningScreen');
const OpeningActPrintPage = lazyNamed(() => import('../features/opening/OpeningActPrintPage'), 'OpeningActPrintPage');
const PostingScreen = lazyNamed(() => import('../features/posting/PostingScreen'), 'PostingScreen');
const MobileCountScreen = lazyNamed(() => import('../features/mobile-count/MobileCountScreen'), 'MobileCountScreen');
const MobileCountPrintPage = lazyNamed(() => import('../features/mobile-count/MobileCountPrintPage'), 'MobileCountPrintPage');
const PostingsPrintPage = lazyNamed(() => import('../features/posting/PostingPrintPages'), 'PostingsPrintPage');
// The notice is printed in Kyrgyz and Russian whatever the UI's language: both languages' words first.
const VoterNoticePrintPage = lazyNamed(() => loadLanguages(['ky', 'ru']).then(() => import('../features/posting/PostingPrintPages')), 'VoterNoticePrintPage');
const ParticipantsPrintPage = lazyNamed(() => import('../features/posting/ListPrintPages'), 'ParticipantsPrintPage');
const PostedListPrintPage = lazyNamed(() => import('../features/posting/ListPrintPages'), 'PostedListPrintPage');
const TrainingScreen = lazyNamed(() => import('../features/training/TrainingScreen'), 'TrainingScreen');

const NAV: { route: Route; key: string; also?: Route[] }[] = [
  { route: 'opening', key: 'opening:nav' },
  { route: 'posting', key: 'posting:nav', also: ['print-postings', 'print-voter-notice', 'print-posted-list', 'print-participants'] },
  { route: 'voters', key: 'common:nav.voters', also: ['voters-import'] },
  { route: 'voters-pages', key: 'common:nav.pages' },
  { route: 'applications', key: 'common:nav.applications' },
  { route: 'outpremises', key: 'common:nav.outpremises' },
  { route: 'calendar', key: 'common:nav.calendar' },
  { route: 'ledger', key: 'common:nav.ledger' },
  { route: 'mobile-count', key: 'mobileCount:nav', also: ['print-mobile-count'] },
  { route: 'count', key: 'common:nav.count' },
  { route: 'protocol', key: 'common:nav.protocol', also: ['protocol-prints'] },
  { route: 'sync', key: 'common:nav.sync' },
  { route: 'profile', key: 'common:nav.profile' },
  { route: 'training', key: 'training:nav' },
];

function Screen({ route }: { route: Route }) {
  switch (route) {
    case 'voters':
      return <VotersScreen />;
    case 'voters-import':
      return <ImportScreen />;
    case 'voters-pages':
      return <PagesScreen />;
    case 'applications':
      return <ApplicationsScreen />;
    case 'sync':
      return <SyncScreen />;
    case 'protocol':
      return <ProtocolScreen />;
    case 'ledger':
      return <LedgerScreen />;
    case 'count':
      return <CountScreen />;
    case 'protocol-prints':
      return <PrintsMenu />;
    case 'outpremises':
      return <RegisterScreen />;
    case 'profile':
      return <ProfileScreen />;
    case 'opening':
      return <OpeningScreen />;
    case 'posting':
      return <PostingScreen />;
    case 'mobile-count':
      return <MobileCountScreen />;
    case 'training':
      return <TrainingScreen />;
    default:
      return <CalendarScreen />;
  }
}

function printPage(route: Route) {
  switch (route) {
    case 'print-calendar':
      return <CalendarPrintPage />;
    case 'print-pages':
      return <PagesPrintPage />;
    case 'print-applications':
      return <ApplicationsPrintPage />;
    case 'print-protocol':
      return <ProtocolPrintPage />;
    case 'print-meeting':
      return <MeetingPrintPage />;
    case 'print-copies':
      return <CopiesLogPrintPage />;
    case 'print-enlarged':
      return <EnlargedPrintPage />;
    case 'print-act-ballots':
      return <ActsPrintPage kind="ballots" />;
    case 'print-act-issued':
      return <ActsPrintPage kind="issued" />;
    case 'print-handover':
      return <ActsPrintPage kind="handover" />;
    case 'print-outpremises':
      return <RegisterPrintPage />;
    case 'print-trips':
      return <TripSheetsPrintPage />;
    case 'print-opening-act':
      return <OpeningActPrintPage />;
    case 'print-postings':
      return <PostingsPrintPage />;
    case 'print-voter-notice':
      return <VoterNoticePrintPage />;
    case 'print-mobile-count':
      return <MobileCountPrintPage />;
    case 'print-posted-list':
      return <PostedListPrintPage />;
    case 'print-participants':
      return <ParticipantsPrintPage />;
    default:
      return null;
  }
}

export function Shell() {
  const { t, i18n } = useTranslation();
  const route = useRoute();
  // Null while it is read (a reload of the desk: App.tsx); set up otherwise (no Shell before a setup).
  const { setup } = useSession();
  const lng = i18n.language as Language;
  useFocusOnMainTask(route);

  const loading = <p className="loading" role="status">{t('common:loading')}</p>;
  const print = printPage(route);
  if (print) return <Suspense fallback={<PageLoading />}>{print}</Suspense>;

  return (
    <div className="shell">
      <header>
      <div className="topbar">
        <div className="brand">
          <span className="brand-name">{t('common:appName')}</span>
          {setup && <ModeMarker />}
        </div>
        {setup ? (
          <div className="active-election" data-testid="active-election">
            <strong>{localized(setup.election.name, lng)}</strong>
            <span>
              {t('common:votingDay')}: {formatDate(setup.election.votingDay, lng)}
            </span>
            <span className="precinct-badge" data-testid="active-precinct">
              {t('common:precinctNo', { number: setup.precinct.number })} · {setup.precinct.name}
            </span>
          </div>
        ) : (
          <div className="active-election" />
        )}
        <div className="topbar-tools">
          <OperatorPicker />
          <OnlineIndicator />
          <LanguageSwitch />
          <TextSizeSwitch />
        </div>
      </div>
      {setup && <ClockWarning zone={setup.precinct.timeZone} />}
      {TRAINING && <TrainingBar />}
      {TRAINING && (
        <Suspense fallback={null}>
          <ScenarioStrip />
        </Suspense>
      )}
      </header>
      <nav className="nav" aria-label={t('common:nav.label')}>
        {NAV.map((item) => {
          const active = route === item.route || (item.also ?? []).includes(route);
          return (
          <a
            key={item.route}
            href={`#/${item.route}`}
            className={active ? 'active' : undefined}
            aria-current={active ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate(item.route);
            }}
          >
            {t(item.key)}
          </a>
          );
        })}
      </nav>
      <main className="content">
        <Suspense fallback={loading}>
          <Screen route={route} />
        </Suspense>
      </main>
    </div>
  );
}

function OperatorPicker() {
  const { t } = useTranslation();
  const { setup, operator, setOperator } = useSession();
  const members = setup?.members ?? [];
  if (members.length === 0) return null;
  return (
    <label className="operator">
      <span>{t('common:operator')}</span>
      <select value={operator?.id ?? ''} onChange={(e) => setOperator(e.target.value)} data-testid="operator">
        {members.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name} — {t(`common:role.${m.role}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * After every navigation (and when the desk first shows, after the demo starts) focus goes to the
 * main task: the screen's own h1, unless the screen has already put focus in itself (the voter
 * search's autofocus). Focus left on the page body or on the navigation link is moved; the h1 is
 * drawn a few frames later on screens that load first, so it is looked for over a short while.
 */
function useFocusOnMainTask(route: Route): void {
  useEffect(() => {
    let frames = 0;
    let handle = 0;
    const settle = () => {
      const active = document.activeElement;
      const main = document.querySelector('main');
      if (main && active && active !== document.body && main.contains(active)) return;
      if (active && active !== document.body && !active.closest('nav, .print-toolbar')) return;
      const h1 = document.querySelector<HTMLElement>('main h1');
      if (h1) {
        h1.tabIndex = -1;
        h1.focus();
        // A screen's heading hidden while the next screen's chunk loads (Suspense) takes no focus: looked for again.
        if (document.activeElement === h1) return;
      }
      // A screen's chunk may still be loading (lazy): looked for over a few seconds.
      if (++frames < 600) handle = requestAnimationFrame(settle);
    };
    handle = requestAnimationFrame(settle);
    return () => cancelAnimationFrame(handle);
  }, [route]);
}
