import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApplicationsPrintPage } from '../features/applications/ApplicationsPrintPage';
import { ApplicationsScreen } from '../features/applications/ApplicationsScreen';
import { SyncScreen } from '../features/sync/SyncScreen';
import { ProtocolScreen } from '../features/protocol/ProtocolScreen';
import { CountScreen } from '../features/ledger/CountScreen';
import { LedgerScreen } from '../features/ledger/LedgerScreen';
import { RegisterScreen } from '../features/outpremises/RegisterScreen';
import { RegisterPrintPage } from '../features/outpremises/RegisterPrintPage';
import { TripSheetsPrintPage } from '../features/outpremises/TripSheetsPrintPage';
import { ProtocolPrintPage } from '../features/protocol/ProtocolPrintPage';
import { MeetingPrintPage } from '../features/protocol/MeetingPrintPage';
import { ActsPrintPage } from '../features/protocol/prints/ActsPrintPage';
import { CopiesLogPrintPage } from '../features/protocol/prints/CopiesLogPrintPage';
import { EnlargedPrintPage } from '../features/protocol/prints/EnlargedPrintPage';
import { PrintsMenu } from '../features/protocol/prints/PrintsMenu';
import { CalendarScreen } from '../features/calendar/CalendarScreen';
import { CalendarPrintPage } from '../features/calendar/CalendarPrintPage';
import { ProfileScreen } from '../features/setup/ProfileScreen';
import { ImportScreen } from '../features/voters/import/ImportScreen';
import { PagesPrintPage } from '../features/voters/PagesPrintPage';
import { PagesScreen } from '../features/voters/PagesScreen';
import { VotersScreen } from '../features/voters/VotersScreen';
import { OpeningScreen } from '../features/opening/OpeningScreen';
import { OpeningActPrintPage } from '../features/opening/OpeningActPrintPage';
import { PostingScreen } from '../features/posting/PostingScreen';
import { MobileCountScreen } from '../features/mobile-count/MobileCountScreen';
import { MobileCountPrintPage } from '../features/mobile-count/MobileCountPrintPage';
import { PostingsPrintPage, VoterNoticePrintPage } from '../features/posting/PostingPrintPages';
import { ParticipantsPrintPage, PostedListPrintPage } from '../features/posting/ListPrintPages';
import { formatDate } from './format';
import type { Language } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { TextSizeSwitch } from './TextSizeSwitch';
import { OnlineIndicator } from './OnlineIndicator';
import { navigate, useRoute, type Route } from './router';
import { useSession, useSetup } from './session';
import { localized } from './localized';
import { TRAINING } from './mode';
import { TrainingBar } from '../features/training/TrainingBar';
import { ScenarioStrip } from '../features/training/ScenariosPanel';
import { ModeMarker } from '../features/training/ModeMarker';
import { TrainingScreen } from '../features/training/TrainingScreen';

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

export function Shell() {
  const { t, i18n } = useTranslation();
  const route = useRoute();
  const setup = useSetup();
  const lng = i18n.language as Language;
  useFocusOnMainTask(route);

  if (route === 'print-calendar') return <CalendarPrintPage />;
  if (route === 'print-pages') return <PagesPrintPage />;
  if (route === 'print-applications') return <ApplicationsPrintPage />;
  if (route === 'print-protocol') return <ProtocolPrintPage />;
  if (route === 'print-meeting') return <MeetingPrintPage />;
  if (route === 'print-copies') return <CopiesLogPrintPage />;
  if (route === 'print-enlarged') return <EnlargedPrintPage />;
  if (route === 'print-act-ballots') return <ActsPrintPage kind="ballots" />;
  if (route === 'print-act-issued') return <ActsPrintPage kind="issued" />;
  if (route === 'print-handover') return <ActsPrintPage kind="handover" />;
  if (route === 'print-outpremises') return <RegisterPrintPage />;
  if (route === 'print-trips') return <TripSheetsPrintPage />;
  if (route === 'print-opening-act') return <OpeningActPrintPage />;
  if (route === 'print-postings') return <PostingsPrintPage />;
  if (route === 'print-voter-notice') return <VoterNoticePrintPage />;
  if (route === 'print-mobile-count') return <MobileCountPrintPage />;
  if (route === 'print-posted-list') return <PostedListPrintPage />;
  if (route === 'print-participants') return <ParticipantsPrintPage />;

  return (
    <div className="shell">
      <header>
      <div className="topbar">
        <div className="brand">
          <span className="brand-name">{t('common:appName')}</span>
          <ModeMarker />
        </div>
        <div className="active-election" data-testid="active-election">
          <strong>{localized(setup.election.name, lng)}</strong>
          <span>
            {t('common:votingDay')}: {formatDate(setup.election.votingDay, lng)}
          </span>
          <span className="precinct-badge" data-testid="active-precinct">
            {t('common:precinctNo', { number: setup.precinct.number })} · {setup.precinct.name}
          </span>
        </div>
        <div className="topbar-tools">
          <OperatorPicker />
          <OnlineIndicator />
          <LanguageSwitch />
          <TextSizeSwitch />
        </div>
      </div>
      {TRAINING && <TrainingBar />}
      {TRAINING && <ScenarioStrip />}
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
        <Screen route={route} />
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
        return;
      }
      if (++frames < 60) handle = requestAnimationFrame(settle);
    };
    handle = requestAnimationFrame(settle);
    return () => cancelAnimationFrame(handle);
  }, [route]);
}
