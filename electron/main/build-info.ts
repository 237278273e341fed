/**
 * Which build this is, for About and the support file: `__PRECINCT_DESK_BUILD__` is set by
 * electron.vite.config.ts at build time (PRECINCT_DESK_BUILD, else the git commit and the date);
 * unit tests and unbuilt code see "dev".
 */
declare const __PRECINCT_DESK_BUILD__: string | undefined;

export const BUILD_ID: string = typeof __PRECINCT_DESK_BUILD__ === 'string' && __PRECINCT_DESK_BUILD__ !== '' ? __PRECINCT_DESK_BUILD__ : 'dev';

/**
 * The release public key (Ed25519, PEM) that update packages must be signed with
 * (update-package.ts, docs/UPDATES.md): `__PRECINCT_UPDATE_PUBLIC_KEY__` is set by
 * electron.vite.config.ts from PRECINCT_UPDATE_PUBLIC_KEY (the PEM text or a path to a PEM file).
 * Empty when the build had none: then the updater refuses every package ("no release key in this build").
 */
declare const __PRECINCT_UPDATE_PUBLIC_KEY__: string | undefined;

export const UPDATE_PUBLIC_KEY: string = typeof __PRECINCT_UPDATE_PUBLIC_KEY__ === 'string' ? __PRECINCT_UPDATE_PUBLIC_KEY__ : '';
