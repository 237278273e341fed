/** A tiny hash router: the app has few screens and must work from app:// and file-less hosts. */
import { useEffect, useState } from 'react';

export type Route = 'calendar' | 'profile' | 'print-calendar' | 'voters' | 'voters-import' | 'voters-pages' | 'print-pages' | 'applications' | 'print-applications' | 'sync' | 'protocol' | 'print-protocol' | 'outpremises' | 'print-outpremises' | 'print-trips' | 'ledger' | 'count' | 'print-meeting' | 'protocol-prints' | 'print-copies' | 'print-enlarged' | 'print-act-ballots' | 'print-act-issued' | 'print-handover' | 'opening' | 'print-opening-act' | 'posting' | 'print-postings' | 'print-voter-notice' | 'mobile-count' | 'training' | 'print-handout' | 'print-mobile-count' | 'print-posted-list' | 'print-participants';
const ROUTES: readonly Route[] = ['calendar', 'profile', 'print-calendar', 'voters', 'voters-import', 'voters-pages', 'print-pages', 'applications', 'print-applications', 'sync', 'protocol', 'print-protocol', 'outpremises', 'print-outpremises', 'print-trips', 'ledger', 'count', 'print-meeting', 'protocol-prints', 'print-copies', 'print-enlarged', 'print-act-ballots', 'print-act-issued', 'print-handover', 'opening', 'print-opening-act', 'posting', 'print-postings', 'print-voter-notice', 'mobile-count', 'training', 'print-handout', 'print-mobile-count', 'print-posted-list', 'print-participants'];

function parse(hash: string): Route {
  const name = hash.replace(/^#\/?/u, '');
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'calendar';
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parse(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function navigate(route: Route): void {
  window.location.hash = `#/${route}`;
}
