/** The databases' names (a module of its own: the window's first script reads the list before Dexie loads). */
export const PRODUCTION_DB_NAME = 'precinct-desk';
/** Training never touches the production database: it has its own. */
export const TRAINING_DB_NAME = 'precinct-desk-training';
