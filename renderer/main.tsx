/**
 * The window's first script: it starts reading the active voter list from IndexedDB (the desk's
 * form of it: core/list-preload.ts) and only then loads the app, so the list's bytes come off the
 * disk while the app's code is fetched and compiled (issue 19: reload → desk usable in ≤ 1 s).
 */
import { TRAINING } from './app/mode';
import { startListPreload } from './core/list-preload';
import { PRODUCTION_DB_NAME, TRAINING_DB_NAME } from './db/names';

startListPreload(TRAINING ? TRAINING_DB_NAME : PRODUCTION_DB_NAME);
void import('./boot');
