/**
 * The window's first script: it starts reading the active voter list from IndexedDB (the desk's
 * form of it: core/list-preload.ts) and only then loads the app, so the list's bytes come off the
 * disk while the app's code is fetched and compiled (issue 19: reload → desk usable in ≤ 1 s).
 * Beside the app it loads the small module that opens the list from those bytes (core/list-open.ts),
 * so the list is opened while the app's main chunk is still on its way.
 */
import { TRAINING } from './app/mode';
import { startListPreload } from './core/list-preload';
import { languageWords, startLanguage } from './app/languages';
import { PRODUCTION_DB_NAME, TRAINING_DB_NAME } from './db/names';

// A reload of the desk reads the row in the window (its search waits for it: a worker's start made
// the first answer ~60 ms later, bench desk.open); any other screen in a worker (list-preload.ts).
const desk = !TRAINING && window.location.hash.replace(/^#\/?/u, '') === 'voters';
startListPreload(TRAINING ? TRAINING_DB_NAME : PRODUCTION_DB_NAME, desk ? null : undefined);
// The window's language's words (a chunk of their own) come beside the list and the app.
void languageWords(startLanguage()).catch(() => undefined);
void import('./core/list-open').then((m) => m.openPreloadedList());
void import('./boot');
