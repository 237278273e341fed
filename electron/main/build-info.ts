/**
 * Which build this is, for About and the support file: `__PRECINCT_DESK_BUILD__` is set by
 * electron.vite.config.ts at build time (PRECINCT_DESK_BUILD, else the git commit and the date);
 * unit tests and unbuilt code see "dev".
 */
declare const __PRECINCT_DESK_BUILD__: string | undefined;

export const BUILD_ID: string = typeof __PRECINCT_DESK_BUILD__ === 'string' && __PRECINCT_DESK_BUILD__ !== '' ? __PRECINCT_DESK_BUILD__ : 'dev';
