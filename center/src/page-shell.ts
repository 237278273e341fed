/**
 * What the trainer's screen (trainer-page.ts), a self-contained page, is made of: the CSP that allows exactly their inline script and style by
 * hash, JSON safe inside a <script> element, the page's head, the header's language and sign-out
 * buttons, the admin-token form, and the script helpers its script starts with. (The dashboard is a page built by Vite: center/web.)
 */
import { createHash } from 'node:crypto';

const sha256b64 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64');

/** The page's CSP: nothing but its own inline script and style (by SHA-256) and calls to its own origin. */
export function inlinePageCsp(script: string, style: string): string {
  return [
    "default-src 'none'",
    `script-src 'sha256-${sha256b64(script)}'`,
    `style-src 'sha256-${sha256b64(style)}'`,
    "connect-src 'self'",
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** JSON safe inside a <script> element (no `</script>`, no `<!--`). */
export const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</gu, '\\u003c').replace(/>/gu, '\\u003e').replace(/&/gu, '\\u0026');

/** The words of the shell, in the page's default language (Kyrgyz); the script swaps them by `data-i18n`. */
export interface ShellWords {
  title: string;
  language: string;
  signOut: string;
  tokenLabel: string;
  signIn: string;
}

/** From `<!doctype html>` to the opened <body>. */
export function pageHead(words: Pick<ShellWords, 'title'>, style: string): string {
  return `<!doctype html>
<html lang="ky">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${words.title}</title>
<style>${style}</style>
</head>
<body>`;
}

/** The header's right side: the three languages and "sign out" (hidden until signed in). */
export function headerActions(words: Pick<ShellWords, 'language' | 'signOut'>): string {
  return `<div class="actions">
    <span data-i18n="language">${words.language}</span>
    <button type="button" data-lang="ky" lang="ky" aria-pressed="true">Кыргызча</button>
    <button type="button" data-lang="ru" lang="ru" aria-pressed="false">Русский</button>
    <button type="button" data-lang="en" lang="en" aria-pressed="false">English</button>
    <button type="button" id="signout" class="hidden" data-i18n="signOut">${words.signOut}</button>
  </div>`;
}

/** The admin-token form and the status line under the header. */
export function signInForm(words: Pick<ShellWords, 'tokenLabel' | 'signIn'>): string {
  return `<form id="login" class="hidden" autocomplete="off">
  <label for="token" data-i18n="tokenLabel">${words.tokenLabel}</label>
  <input id="token" type="password" autocomplete="off" spellcheck="false">
  <button type="submit" data-i18n="signIn">${words.signIn}</button>
</form>
<p id="message" role="status" aria-live="polite"></p>`;
}

/** The start of each page's style sheet: page, header, headings, muted and hidden text. */
export const SHELL_STYLE = `:root { font-family: "Noto Sans", system-ui, sans-serif; color: #1b1f24; background: #f6f7f9; }
body { margin: 0; padding: 1rem 1.5rem; }
header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: baseline; justify-content: space-between; }
h1 { font-size: 1.4rem; margin: 0; }
h2 { font-size: 1.1rem; margin: 1.2rem 0 .5rem; }
.muted { color: #5a6270; }
.hidden { display: none; }
`;

/**
 * The helpers each page's script has (put inside its function, after TOKEN_KEY and LANG_KEY and
 * `lang` are declared): $, el, clear, two, token, say, and `onLanguageButtons(render)`
 * which keeps the chosen language and draws the page again.
 */
export const SHELL_SCRIPT = `
  var $ = function (id) { return document.getElementById(id); };
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function two(n) { return (n < 10 ? '0' : '') + n; }
  function token() { try { return sessionStorage.getItem(TOKEN_KEY); } catch (e) { return null; } }
  function say(text, isError) { var m = $('message'); m.textContent = text || ''; m.className = isError ? 'error' : 'muted'; }
  function onLanguageButtons(render) {
    Array.prototype.forEach.call(document.querySelectorAll('button[data-lang]'), function (b) {
      b.addEventListener('click', function () {
        lang = b.getAttribute('data-lang');
        try { localStorage.setItem(LANG_KEY, lang); } catch (e) { /* storage off */ }
        render();
      });
    });
  }
`;

/**
 * The app's number and date formatters (renderer/app/format.ts `formatNumber`, `formatDate`,
 * `formatDateTime` in the browser's zone) for a page's inline script, which cannot import them: Kyrgyz numbers grouped
 * as Russian ones, Kyrgyz dates composed from their parts (browsers carry no Kyrgyz date data) —
 * "2017-ж., 15-окт., 14:03" — and the same Intl styles as the laptop's for ru and en. A unit test
 * runs this text against the app's own formatters (tests/unit/center/page-formatters.test.ts).
 */
export const FORMAT_SCRIPT = `
  var KY_MONTHS_SHORT = ['янв.', 'фев.', 'мар.', 'апр.', 'май', 'июн.', 'июл.', 'авг.', 'сен.', 'окт.', 'ноя.', 'дек.'];
  var numberFormats = {};
  function formatNumber(n, lng) {
    var locale = lng === 'ky' ? 'ru' : lng;
    if (!numberFormats[locale]) numberFormats[locale] = new Intl.NumberFormat(locale);
    return numberFormats[locale].format(n);
  }
  var KY_MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
  // A calendar day ("2017-10-15"), not an instant: "15 October 2017", "2017-ж., 15-октябрь".
  function formatDate(day, lng) {
    if (!/^\\d{4}-\\d{2}-\\d{2}$/.test(day || '')) return day || '';
    var p = day.split('-').map(Number);
    var d = new Date(Date.UTC(p[0], p[1] - 1, p[2]));
    if (lng === 'ky') return d.getUTCFullYear() + '-ж., ' + d.getUTCDate() + '-' + KY_MONTHS[d.getUTCMonth()];
    return new Intl.DateTimeFormat(lng, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
  }
  function formatDateTime(iso, lng) {
    var d = new Date(iso);
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    if (lng === 'ky') return d.getFullYear() + '-ж., ' + d.getDate() + '-' + KY_MONTHS_SHORT[d.getMonth()] + ', ' + pad(d.getHours()) + ':' + pad(d.getMinutes());
    return new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(d);
  }
`;
