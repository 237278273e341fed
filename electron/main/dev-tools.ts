/**
 * Developer tools are available in unpackaged (development) runs only, or in a packaged build when
 * it is started with PRECINCT_DESK_DEVTOOLS=1 (for support sessions).
 */
export const DEVTOOLS_ENV_FLAG = 'PRECINCT_DESK_DEVTOOLS';

export function devToolsAllowed(isPackaged: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return !isPackaged || env[DEVTOOLS_ENV_FLAG] === '1';
}
