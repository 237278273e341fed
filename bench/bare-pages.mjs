// The bench's own pages of the app's origin (bench/desk.ts), written beside the built app by
// scripts/bench.mjs and served by the app's server, so they share the app's origin (its IndexedDB)
// without Playwright's routing — which turns the browser's HTTP cache off for the whole context, so
// the app's scripts were fetched and compiled again on every reload as no browser or Electron does.
import { createHash } from 'node:crypto';

/** A page with nothing but a text box (the keystroke's floor). */
export const BARE_HTML = '<!doctype html><meta charset="utf-8"><title>bare</title><input id="bare" type="search" autofocus>';

/**
 * desk.open's baseline: the first (inline) script reads the stored list raw — the database opened,
 * every `listCache` row read, `result` read (Chromium deserialises the value then), and, for a row
 * whose list is its blob's (`packedIn: 'blob'`: an imported list, stored once), that blob too, in the
 * same transaction, as the desk reads it (renderer/core/list-read.ts) — and keeps the moment in
 * `__rawOpen` (ms from the navigation's start, as the desk's).
 */
export const BARE_READ_SCRIPT = `
const open = indexedDB.open('precinct-desk');
open.onerror = () => { window.__rawOpen = { error: String(open.error) }; };
open.onsuccess = () => {
  const tx = open.result.transaction(['listCache', 'blobs'], 'readonly');
  const all = tx.objectStore('listCache').getAll();
  all.onsuccess = () => {
    const rows = all.result;
    const done = () => {
      const at = performance.now();
      open.result.close();
      window.__rawOpen = rows.length === 1 ? { at } : { error: 'no stored list' };
    };
    if (rows.length !== 1 || rows[0].packedIn !== 'blob') return done();
    const blob = tx.objectStore('blobs').get(rows[0].listHash);
    blob.onsuccess = () => { if (blob.result === undefined) window.__rawOpen = { error: 'no stored blob' }; else done(); };
    blob.onerror = () => { window.__rawOpen = { error: String(blob.error) }; };
  };
  all.onerror = () => { window.__rawOpen = { error: String(all.error) }; };
};
`;
export const BARE_READ_HTML = `<!doctype html><meta charset="utf-8"><title>bare read</title><script>${BARE_READ_SCRIPT}</script>`;

/** The pages by file name. */
export const BENCH_PAGES = { 'bench-bare.html': BARE_HTML, 'bench-bare-read.html': BARE_READ_HTML };

/** The inline script's hash for the server's script-src (base64 SHA-256 of its text). */
export const BENCH_SCRIPT_HASHES = [createHash('sha256').update(BARE_READ_SCRIPT, 'utf8').digest('base64')];
