/**
 * The dashboard page: one self-contained HTML file (inline CSS and script, no external resources)
 * in Kyrgyz (default), Russian and English. The page holds no data when served: its script asks
 * for the admin token (kept in sessionStorage), calls the admin API and writes every value with
 * `textContent` (never HTML). The Content-Security-Policy allows exactly the inline script and
 * style by their SHA-256 hashes.
 */
import { createHash } from 'node:crypto';
import ky from '../../locales/ky/dashboard.json';
import enStrings from '../../locales/en/dashboard.json';
import ruStrings from '../../locales/ru/dashboard.json';
import kySync from '../../locales/ky/sync.json';
import ruSync from '../../locales/ru/sync.json';
import enSync from '../../locales/en/sync.json';

export const DASHBOARD_LANGUAGES = ['ky', 'ru', 'en'] as const;
export type DashboardLanguage = (typeof DASHBOARD_LANGUAGES)[number];

/*
 * The page's words live with every other string of the project, in locales/<lng>/dashboard.json
 * (placeholders in single braces, "{p}": the page's own script fills them in). The types make the
 * three files carry the same keys.
 */
type DashboardStrings = Record<keyof typeof ky, string>;
const ru: DashboardStrings = ruStrings;
const en: DashboardStrings = enStrings;

export const DASHBOARD_STRINGS: Record<DashboardLanguage, DashboardStrings> = { ky, ru, en };

/** The sync error codes in words, as the laptops say them (locales/<lng>/sync.json), keyed `err:<code>`. */
const errorTexts = (texts: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(texts).filter(([, v]) => !v.includes('{{')).map(([code, v]) => [`err:${code}`, v]));

/** What the page's script reads: its own words and the error codes' words. */
const PAGE_STRINGS: Record<DashboardLanguage, Record<string, string>> = {
  ky: { ...errorTexts(kySync.error), ...ky },
  ru: { ...errorTexts(ruSync.error), ...ru },
  en: { ...errorTexts(enSync.error), ...en },
};

const STYLE = `
:root { font-family: "Noto Sans", system-ui, sans-serif; color: #1b1f24; background: #f6f7f9; }
body { margin: 0; padding: 1rem 1.5rem; }
header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: baseline; justify-content: space-between; }
h1 { font-size: 1.4rem; margin: 0; }
h2 { font-size: 1.1rem; margin: 1.2rem 0 .5rem; }
.muted { color: #5a6270; }
.hidden { display: none; }
#irows tr.open td { background: #fff4e5; }
button, .button { font: inherit; padding: .3rem .8rem; border: 1px solid #8a94a3; border-radius: 4px; background: #fff; color: #1b1f24; cursor: pointer; text-decoration: none; }
button[aria-pressed="true"] { background: #1b4d89; color: #fff; border-color: #1b4d89; }
form { display: flex; gap: .5rem; align-items: center; margin: 1rem 0; }
#qrimg { flex-wrap: wrap; }
#qrimg label { flex-basis: 100%; }
input { font: inherit; padding: .3rem .5rem; min-width: 20rem; }
#message { min-height: 1.5rem; }
#message.error, #usbresult.error, #qrresult.error { color: #a4161a; font-weight: 600; }
#usbresult.ok, #qrresult.ok { color: #0d4a1f; font-weight: 600; }
td.err { color: #a4161a; }
td.strong { font-weight: 600; }
.split { font-size: .8rem; color: #5a6270; margin-top: .15rem; }
dl.totals > div.alert { background: #fde8e8; border-color: #a4161a; }
dl.totals div.alert dd { color: #a4161a; }
td.proto { min-width: 16rem; }
td.proto div { font-size: .8rem; }
.src { display: inline-block; padding: .05rem .4rem; border-radius: 3px; font-size: .8rem; background: #e3ebf6; color: #1b3a66; }
.src-qr { background: #efe6f7; color: #4a2270; }
.src-both { background: #d1f0d9; color: #0d4a1f; }
.mismatch { color: #7a4a00; font-weight: 600; }
.mismatch.conflict, tr.conflict td.mismatch { color: #a4161a; }
tr.differs td { background: #fff4e5; }
tr.conflict td { background: #fde8e8; }
dl.totals { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: .5rem; margin: 0; }
dl.totals > div { background: #fff; border: 1px solid #d5dae1; border-radius: 4px; padding: .5rem .75rem; }
dt { font-size: .85rem; color: #5a6270; }
dd { margin: 0; font-size: 1.3rem; font-weight: 600; }
.actions { display: flex; gap: .5rem; margin: 1rem 0; align-items: center; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; background: #fff; font-size: .9rem; }
th, td { border: 1px solid #d5dae1; padding: .3rem .5rem; vertical-align: top; text-align: left; }
th { background: #eef1f5; position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tfoot td { font-weight: 600; background: #eef1f5; }
.status { display: inline-block; padding: .1rem .4rem; border-radius: 3px; font-size: .8rem; white-space: nowrap; }
.st-never { background: #f8d7da; color: #6e0b10; }
.st-fresh { background: #d1f0d9; color: #0d4a1f; }
.st-stale { background: #fff0c2; color: #5c4300; }
.revoked { text-decoration: line-through; color: #8a1c1c; }
ul.devices { margin: 0; padding-left: 1rem; }
`;

/** Plain ES2020 for any current browser; every data value goes in with textContent. */
const SCRIPT = `
(function () {
  'use strict';
  var S = JSON.parse(document.getElementById('i18n').textContent);
  var LANGS = ['ky', 'ru', 'en'];
  var LOCALES = { ky: 'ky-KG', ru: 'ru-RU', en: 'en-GB' };
  var FRESH_MS = 15 * 60 * 1000;
  var TOKEN_KEY = 'precinct-desk.admin-token';
  var LANG_KEY = 'precinct-desk.dashboard-lang';
  var lang = 'ky';
  try { var saved = localStorage.getItem(LANG_KEY); if (LANGS.indexOf(saved) >= 0) lang = saved; } catch (e) { /* storage off */ }
  var election = new URLSearchParams(location.search).get('election');
  var data = null;
  var timer = null;
  var $ = function (id) { return document.getElementById(id); };
  function t(key) { return S[lang][key]; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  // Browsers carry no Kyrgyz date data: Kyrgyz numbers are grouped as Russian ones, and dates are
  // written out as the app writes them ("2017-ж., 15-окт., 14:03").
  var KY_MONTHS = ['янв.', 'фев.', 'мар.', 'апр.', 'май', 'июн.', 'июл.', 'авг.', 'сен.', 'окт.', 'ноя.', 'дек.'];
  function num(n) { return n === null || n === undefined ? '' : Number(n).toLocaleString(lang === 'ky' ? 'ru-RU' : LOCALES[lang]); }
  function two(n) { return (n < 10 ? '0' : '') + n; }
  function when(iso) {
    if (!iso) return t('never');
    var d = new Date(iso);
    if (lang === 'ky') return d.getFullYear() + '-ж., ' + d.getDate() + '-' + KY_MONTHS[d.getMonth()] + ', ' + two(d.getHours()) + ':' + two(d.getMinutes());
    return d.toLocaleString(LOCALES[lang], { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });
  }
  function token() { try { return sessionStorage.getItem(TOKEN_KEY); } catch (e) { return null; } }
  function query(extra) {
    var p = new URLSearchParams();
    if (election) p.set('election', election);
    if (extra) Object.keys(extra).forEach(function (k) { p.set(k, extra[k]); });
    var s = p.toString();
    return s ? '?' + s : '';
  }
  function say(text, isError) { var m = $('message'); m.textContent = text || ''; m.className = isError ? 'error' : 'muted'; }
  function signedIn(yes) {
    $('login').classList.toggle('hidden', yes);
    $('board').classList.toggle('hidden', !yes);
    $('signout').classList.toggle('hidden', !yes);
  }
  function request(path) {
    return fetch(path, { headers: { authorization: 'Bearer ' + token() }, cache: 'no-store', credentials: 'omit' }).then(function (res) {
      if (res.status === 401) {
        try { sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* storage off */ }
        signedIn(false);
        throw { shown: t('errUnauthorized') };
      }
      if (!res.ok) return res.json().then(function (b) { throw { shown: t('errOther') + ' ' + String(b && b.error) }; }, function () { throw { shown: t('errOther') + ' ' + res.status }; });
      return res;
    }, function () { throw { shown: t('errNetwork') }; });
  }
  function load() {
    if (!token()) { signedIn(false); return; }
    signedIn(true);
    say(t('loading'));
    request('/api/admin/dashboard' + query()).then(function (res) { return res.json(); }).then(function (body) {
      data = body;
      say('');
      render();
    }, function (e) { say(e && e.shown ? e.shown : String(e), true); });
  }
  function statusOf(p) {
    if (!p.lastSyncAt) return 'never';
    return Date.parse(data.generatedAt) - Date.parse(p.lastSyncAt) <= FRESH_MS ? 'fresh' : 'stale';
  }
  var STATUS_KEY = { never: 'statusNever', fresh: 'statusFresh', stale: 'statusStale' };
  function turnoutText(point) {
    if (!point) return '';
    var text = num(point.ballots);
    if (point.percent !== null) text += ' (' + num(point.percent) + ' %)';
    return text;
  }
  function splitText(point) {
    return t('turnoutSplit').replace('{room}', num(point.room)).replace('{outside}', num(point.outside));
  }
  var SOURCE_KEY = { sync: 'srcSync', qr: 'srcQr', both: 'srcBoth' };
  var MISMATCH_KEY = { 'qr-newer': 'mismatchQrNewer', 'qr-older': 'mismatchQrOlder', conflict: 'mismatchConflict' };
  function mismatchText(m) {
    return t(MISMATCH_KEY[m.kind]).replace('{qr}', String(m.qrVersion)).replace('{sync}', String(m.syncVersion)).replace('{lines}', m.lines.join(', '));
  }
  // Where the protocol came from (sync, QR codes, both) and when; how the two differ, in full view.
  function protocolCell(p) {
    var td = el('td', 'proto');
    if (!p.protocolSource) { td.appendChild(el('span', 'muted', t('protocolNone'))); return td; }
    td.appendChild(el('span', 'src src-' + p.protocolSource, t(SOURCE_KEY[p.protocolSource])));
    if (p.protocol) td.appendChild(el('div', 'muted', t('srcSync') + ': ' + when(p.protocol.receivedAt)));
    if (p.protocolQr) td.appendChild(el('div', 'muted', t('srcQr') + ' v' + p.protocolQr.version + ': ' + when(p.protocolQr.receivedAt)));
    if (p.protocolMismatch) td.appendChild(el('div', p.protocolMismatch.kind === 'conflict' ? 'mismatch conflict' : 'mismatch', mismatchText(p.protocolMismatch)));
    return td;
  }
  function staticTexts() {
    document.documentElement.lang = lang;
    document.title = t('title');
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (node) { node.textContent = t(node.getAttribute('data-i18n')); });
    Array.prototype.forEach.call(document.querySelectorAll('button[data-lang]'), function (b) { b.setAttribute('aria-pressed', String(b.getAttribute('data-lang') === lang)); });
  }
  function render() {
    staticTexts();
    if (!data) return;
    var name = data.electionName ? (data.electionName[lang] || data.electionName.ky) : data.electionId;
    $('election').textContent = name;
    $('meta').textContent = (data.votingDay ? t('votingDay') + ' ' + data.votingDay + ' · ' : '') + t('updatedAt') + ' ' + when(data.generatedAt);
    var s = data.totals;
    var dl = $('totals');
    clear(dl);
    [['precincts', s.precincts], ['precinctsSynced', s.precinctsSynced], ['devices', s.devices], ['events', s.events],
     ['ballotsIssued', s.ballotsIssued], ['ballotsRoom', s.ballotsRoom], ['ballotsOutside', s.ballotsOutside],
     ['protocols', s.protocols], ['protocolMismatches', s.protocolMismatches], ['incidents', s.incidents]].forEach(function (pair) {
      if (pair[0] === 'protocolMismatches' && !pair[1]) return;
      var box = el('div', pair[0] === 'protocolMismatches' ? 'alert' : null);
      box.appendChild(el('dt', null, t(pair[0])));
      box.appendChild(el('dd', null, num(pair[1])));
      dl.appendChild(box);
    });
    s.turnout.forEach(function (point) {
      var box = el('div');
      box.appendChild(el('dt', null, t('colTurnout') + ' ' + point.time));
      box.appendChild(el('dd', null, turnoutText(point)));
      box.appendChild(el('div', 'split', splitText(point)));
      dl.appendChild(box);
    });
    var head = $('head');
    clear(head);
    var hr = el('tr');
    ['colStatus', 'colNumber', 'colName', 'colTec', 'colDevices', 'colLastSync', 'colEvents', 'colBallotsRoom', 'colBallotsOutside', 'colBallots'].forEach(function (k) { hr.appendChild(el('th', null, t(k))); });
    data.reportTimes.forEach(function (time) { hr.appendChild(el('th', null, t('colTurnout') + ' ' + time)); });
    hr.appendChild(el('th', null, t('colProtocol')));
    hr.appendChild(el('th', null, t('colIncidents')));
    head.appendChild(hr);
    var rows = $('rows');
    clear(rows);
    data.precincts.forEach(function (p) {
      var tr = el('tr');
      var st = statusOf(p);
      var cell = el('td');
      cell.appendChild(el('span', 'status st-' + st, t(STATUS_KEY[st])));
      tr.appendChild(cell);
      tr.appendChild(el('td', 'num', p.number));
      tr.appendChild(el('td', null, p.name));
      tr.appendChild(el('td', null, p.territorialCommission));
      var devs = el('td');
      if (p.devices.length === 0) devs.appendChild(el('span', 'muted', t('noDevices')));
      else {
        var ul = el('ul', 'devices');
        p.devices.forEach(function (d) {
          var li = el('li', d.revoked ? 'revoked' : null, (d.label || d.deviceId) + (d.revoked ? ' (' + t('revoked') + ')' : ''));
          li.title = d.deviceId;
          ul.appendChild(li);
        });
        devs.appendChild(ul);
      }
      tr.appendChild(devs);
      tr.appendChild(el('td', null, when(p.lastSyncAt)));
      tr.appendChild(el('td', 'num', num(p.events)));
      tr.appendChild(el('td', 'num', num(p.ballotsRoom)));
      tr.appendChild(el('td', 'num', num(p.ballotsOutside)));
      tr.appendChild(el('td', 'num strong', num(p.ballotsIssued)));
      data.reportTimes.forEach(function (_time, i) {
        var point = p.turnout[i];
        var td = el('td', 'num', point && point.reached ? turnoutText(point) : t('notReached'));
        if (point && point.reached) td.title = splitText(point);
        if (point && !point.reached) td.className = 'num muted';
        tr.appendChild(td);
      });
      tr.appendChild(protocolCell(p));
      tr.appendChild(el('td', 'num', num(p.incidents)));
      rows.appendChild(tr);
    });
    var foot = $('foot');
    clear(foot);
    var fr = el('tr');
    fr.appendChild(el('td', null, t('totals')));
    fr.appendChild(el('td', 'num', num(s.precincts)));
    fr.appendChild(el('td'));
    fr.appendChild(el('td'));
    fr.appendChild(el('td', 'num', num(s.devices)));
    fr.appendChild(el('td'));
    fr.appendChild(el('td', 'num', num(s.events)));
    fr.appendChild(el('td', 'num', num(s.ballotsRoom)));
    fr.appendChild(el('td', 'num', num(s.ballotsOutside)));
    fr.appendChild(el('td', 'num', num(s.ballotsIssued)));
    s.turnout.forEach(function (point) { fr.appendChild(el('td', 'num', turnoutText(point))); });
    fr.appendChild(el('td', 'num', num(s.protocols)));
    fr.appendChild(el('td', 'num', num(s.incidents)));
    foot.appendChild(fr);
    renderProtocols();
    renderIncidents();
  }
  var KIND_KEY = {
    'double-issue': 'kindDoubleIssue', 'push:bad-signature': 'kindBadSignature', 'push:device-revoked': 'kindRevoked',
    'push:seq-replayed-different': 'kindReplayed', 'push:wrong-precinct': 'kindWrongPrecinct', 'push:wrong-election': 'kindWrongElection',
    'entered-after-deadline': 'kindEnteredLate', 'usb:bad-signature': 'kindUsbTampered', 'clock-far-from-voting-day': 'kindClockFar',
  };
  function renderIncidents() {
    var list = data.incidents, rows = $('irows');
    clear(rows);
    $('icount').textContent = list.length === 0 ? t('incNone') : t('incOpenCount').replace('{open}', num(data.totals.incidents)).replace('{resolved}', num(data.totals.incidentsResolved));
    $('itable').className = list.length === 0 ? 'hidden' : '';
    var labels = {};
    data.precincts.forEach(function (p) { p.devices.forEach(function (d) { labels[d.deviceId] = d.label || d.deviceId; }); });
    function device(id) { return labels[id] || id; }
    list.forEach(function (i) {
      var tr = el('tr', i.resolution ? null : 'open');
      tr.appendChild(el('td', null, when(i.at)));
      tr.appendChild(el('td', 'num', i.precinct === null ? '' : i.precinct));
      tr.appendChild(el('td', null, KIND_KEY[i.kind] ? t(KIND_KEY[i.kind]) : i.kind));
      var who = [];
      if (i.voterId) who.push(t('incVoter') + ' ' + i.voterId);
      if (i.devices.length > 0) who.push(i.devices.map(device).sort().join(', '));
      else if (i.deviceId) who.push(device(i.deviceId));
      tr.appendChild(el('td', null, who.join(' · ')));
      var state = el('td');
      if (i.resolution) {
        state.appendChild(el('strong', null, t('incResolvedBy') + ' ' + when(i.resolution.at) + (i.resolution.by ? ' (' + device(i.resolution.by) + ')' : '') + ': '));
        state.appendChild(document.createTextNode(i.resolution.text));
      } else state.appendChild(el('span', 'status st-never', t('incOpen')));
      tr.appendChild(state);
      rows.appendChild(tr);
    });
  }
  function renderProtocols() {
    var p = data.protocols;
    var head = $('phead'), rows = $('prows'), foot = $('pfoot');
    clear(head); clear(rows); clear(foot);
    if (!p) { $('pcount').textContent = ''; return; }
    $('pcount').textContent = t('protoCount').replace('{n}', num(p.withProtocol)).replace('{total}', num(p.rows.length)).replace('{errors}', num(p.withErrors)) +
      (p.withMismatch > 0 ? ' ' + t('protoMismatchCount').replace('{n}', num(p.withMismatch)) : '');
    var hr = el('tr');
    [t('colNumber'), t('colName'), t('protoStatus'), t('colSource')].forEach(function (x) { hr.appendChild(el('th', null, x)); });
    p.lines.forEach(function (l) { var th = el('th', 'num', l.number); th.title = l.label[lang]; hr.appendChild(th); });
    hr.appendChild(el('th', null, t('protoErrors')));
    hr.appendChild(el('th', null, t('colMismatch')));
    head.appendChild(hr);
    var STATUS = { none: 'protoNone', signed: 'protoSigned', superseding: 'protoSuperseding' };
    p.rows.forEach(function (r) {
      var tr = el('tr', r.mismatch ? (r.mismatch.kind === 'conflict' ? 'conflict' : 'differs') : null);
      tr.appendChild(el('td', 'num', r.precinct));
      tr.appendChild(el('td', null, r.name));
      tr.appendChild(el('td', null, t(STATUS[r.status]) + (r.version ? ' · v' + r.version : '')));
      var src = el('td');
      if (r.source) src.appendChild(el('span', 'src src-' + r.source, t(SOURCE_KEY[r.source])));
      tr.appendChild(src);
      r.values.forEach(function (v) { tr.appendChild(el('td', 'num', num(v))); });
      tr.appendChild(el('td', r.errors.length ? 'err' : null, r.errors.join(', ')));
      tr.appendChild(el('td', r.mismatch ? 'mismatch' : null, r.mismatch ? mismatchText(r.mismatch) : ''));
      rows.appendChild(tr);
    });
    var fr = el('tr');
    fr.appendChild(el('td', null, t('totals')));
    fr.appendChild(el('td', null, num(p.withProtocol) + ' / ' + num(p.rows.length)));
    fr.appendChild(el('td'));
    fr.appendChild(el('td'));
    p.totals.forEach(function (v) { fr.appendChild(el('td', 'num', num(v))); });
    fr.appendChild(el('td'));
    fr.appendChild(el('td', 'num', p.withMismatch > 0 ? num(p.withMismatch) : ''));
    foot.appendChild(fr);
  }
  function downloadFile(path, fallback) {
    request(path + query({ lang: lang })).then(function (res) {
      var name = fallback;
      var m = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') || '');
      if (m) name = m[1];
      return res.blob().then(function (blob) {
        var url = URL.createObjectURL(blob);
        var a = el('a');
        a.href = url;
        a.download = name;
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      });
    }).catch(function (e) { say(e && e.shown ? e.shown : String(e), true); });
  }
  function downloadCsv(event) { event.preventDefault(); downloadFile('/api/admin/summary.csv', 'summary.csv'); }
  function downloadProtocols(event) { event.preventDefault(); downloadFile('/api/admin/protocols.csv', 'protocols.csv'); }
  $('login').addEventListener('submit', function (event) {
    event.preventDefault();
    var value = $('token').value.trim();
    $('token').value = '';
    if (!value) return;
    try { sessionStorage.setItem(TOKEN_KEY, value); } catch (e) { /* storage off */ }
    load();
  });
  $('signout').addEventListener('click', function () {
    try { sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* storage off */ }
    data = null;
    signedIn(false);
    say('');
  });
  $('refresh').addEventListener('click', load);
  function qrProblem(b) {
    var error = b && b.error;
    var detail = String((b && b.detail) || '');
    if (error === 'qr-invalid') {
      if (detail.indexOf('no-code-found') >= 0) return t('qrNoCode');
      if (detail.indexOf('image-unreadable') >= 0) return t('qrImageBad');
      if (detail.indexOf('image-too-large') >= 0) return t('qrImageLarge');
      if (detail.indexOf('missing-chunk') >= 0) return t('qrMissing');
      return t('qrInvalid');
    }
    if (error === 'hash-mismatch') return t('qrHash');
    if (error === 'bad-signature') return t('qrSignature');
    if (error === 'not-found') return t('qrUnknown');
    if (error === 'unauthorized') return t('errUnauthorized');
    return String(error) + (detail ? ' (' + detail + ')' : '');
  }
  function postQr(url, payload) {
    var out = $('qrresult');
    out.textContent = t('qrReading');
    out.className = '';
    return fetch(url, {
      method: 'POST', cache: 'no-store', credentials: 'omit',
      headers: { authorization: 'Bearer ' + token(), 'content-type': 'application/json' }, body: JSON.stringify(payload),
    }).then(function (res) {
      return res.json().then(function (b) {
        if (res.ok) {
          out.textContent = t(b.stored ? 'qrDone' : 'qrAgain').replace('{p}', String(b.precinct)).replace('{v}', String(b.version));
          out.className = 'ok';
          if (b.stored) load();
        } else {
          out.textContent = t('qrRefused') + ' ' + qrProblem(b);
          out.className = 'error';
        }
      });
    }).catch(function () { out.textContent = t('errNetwork'); out.className = 'error'; });
  }
  $('qr').addEventListener('submit', function (event) {
    event.preventDefault();
    postQr('/api/admin/protocol-qr', { text: $('qrtext').value });
  });
  function base64Of(file) {
    return file.arrayBuffer().then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      var text = '';
      for (var i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode.apply(null, Array.prototype.slice.call(bytes.subarray(i, i + 0x8000)));
      return btoa(text);
    });
  }
  $('qrimg').addEventListener('submit', function (event) {
    event.preventDefault();
    var files = Array.prototype.slice.call($('qrfiles').files || []);
    if (files.length === 0) return;
    Promise.all(files.map(base64Of)).then(function (images) {
      return postQr('/api/admin/protocol-qr-image', { images: images });
    });
  });
  $('usb').addEventListener('submit', function (event) {
    event.preventDefault();
    var file = $('usbfile').files[0];
    if (!file) return;
    var out = $('usbresult');
    file.text().then(function (text) {
      var body;
      try { body = JSON.parse(text); } catch (e) { out.textContent = t('usbRefused') + ' ' + t('usbNotJson'); out.className = 'error'; return; }
      return fetch('/api/admin/import-batch', {
        method: 'POST', cache: 'no-store', credentials: 'omit',
        headers: { authorization: 'Bearer ' + token(), 'content-type': 'application/json' }, body: JSON.stringify(body),
      }).then(function (res) {
        return res.json().then(function (b) {
          if (res.ok) {
            out.textContent = t('usbDone').replace('{batches}', num(b.batches === undefined ? 1 : b.batches)).replace('{stored}', num(b.stored));
            out.className = 'ok';
            load();
          } else {
            // The refusal in words (the laptops' own texts of the sync error codes); "batch i of n" translated.
            var code = String(b && b.error);
            var said = S[lang]['err:' + code] || code;
            var where = b && typeof b.detail === 'string' ? /^batch (\\d+) of (\\d+)(?:: (.*))?$/.exec(b.detail) : null;
            var detail = where ? t('usbBatch').replace('{i}', num(Number(where[1]))).replace('{n}', num(Number(where[2]))) + (where[3] ? ': ' + where[3] : '') : (b && b.detail ? b.detail : '');
            out.textContent = t('usbRefused') + ' ' + said + (detail ? ' (' + detail + ')' : '');
            out.className = 'error';
          }
        });
      });
    }).catch(function () { out.textContent = t('errNetwork'); out.className = 'error'; });
  });
  $('csv').addEventListener('click', downloadCsv);
  $('pcsv').addEventListener('click', downloadProtocols);
  Array.prototype.forEach.call(document.querySelectorAll('button[data-lang]'), function (b) {
    b.addEventListener('click', function () {
      lang = b.getAttribute('data-lang');
      try { localStorage.setItem(LANG_KEY, lang); } catch (e) { /* storage off */ }
      render();
    });
  });
  staticTexts();
  load();
  timer = setInterval(function () { if (token() && !document.hidden) load(); }, 60000);
  window.addEventListener('pagehide', function () { clearInterval(timer); });
})();
`;

const sha256b64 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64');

/** JSON safe inside a <script> element (no `</script>`, no `<!--`). */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</gu, '\\u003c').replace(/>/gu, '\\u003e').replace(/&/gu, '\\u0026');

export const DASHBOARD_CSP = [
  "default-src 'none'",
  `script-src 'sha256-${sha256b64(SCRIPT)}'`,
  `style-src 'sha256-${sha256b64(STYLE)}'`,
  "connect-src 'self'",
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function dashboardPageHtml(): string {
  const t = DASHBOARD_STRINGS.ky;
  return `<!doctype html>
<html lang="ky">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${t.title}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <div>
    <h1 data-i18n="title">${t.title}</h1>
    <div><strong id="election"></strong> <span id="meta" class="muted"></span></div>
  </div>
  <div class="actions">
    <span data-i18n="language">${t.language}</span>
    <button type="button" data-lang="ky" lang="ky" aria-pressed="true">Кыргызча</button>
    <button type="button" data-lang="ru" lang="ru" aria-pressed="false">Русский</button>
    <button type="button" data-lang="en" lang="en" aria-pressed="false">English</button>
    <button type="button" id="signout" class="hidden" data-i18n="signOut">${t.signOut}</button>
  </div>
</header>
<form id="login" class="hidden" autocomplete="off">
  <label for="token" data-i18n="tokenLabel">${t.tokenLabel}</label>
  <input id="token" type="password" autocomplete="off" spellcheck="false">
  <button type="submit" data-i18n="signIn">${t.signIn}</button>
</form>
<p id="message" role="status" aria-live="polite"></p>
<main id="board" class="hidden">
  <h2 data-i18n="totals">${t.totals}</h2>
  <dl id="totals" class="totals"></dl>
  <div class="actions">
    <button type="button" id="refresh" data-i18n="refresh">${t.refresh}</button>
    <a href="/api/admin/summary.csv" id="csv" class="button" data-i18n="downloadCsv">${t.downloadCsv}</a>
  </div>
  <h2 data-i18n="incTitle">${t.incTitle}</h2>
  <p id="icount" class="muted"></p>
  <div class="table-wrap">
    <table id="itable" class="hidden">
      <thead><tr><th data-i18n="incTime">${t.incTime}</th><th data-i18n="colNumber">${t.colNumber}</th><th data-i18n="incKind">${t.incKind}</th><th data-i18n="incWhat">${t.incWhat}</th><th data-i18n="incState">${t.incState}</th></tr></thead>
      <tbody id="irows"></tbody>
    </table>
  </div>
  <h2 data-i18n="protoTitle">${t.protoTitle}</h2>
  <p id="pcount" class="muted"></p>
  <div class="actions"><a href="/api/admin/protocols.csv" id="pcsv" class="button" data-i18n="protoCsv">${t.protoCsv}</a></div>
  <div class="table-wrap">
    <table id="protocols">
      <thead id="phead"></thead>
      <tbody id="prows"></tbody>
      <tfoot id="pfoot"></tfoot>
    </table>
  </div>
  <h2 data-i18n="qrTitle">${t.qrTitle}</h2>
  <p class="muted" data-i18n="qrHint">${t.qrHint}</p>
  <form id="qr">
    <textarea id="qrtext" rows="4" cols="80" spellcheck="false" aria-label="QR"></textarea>
    <button type="submit" data-i18n="qrSubmit">${t.qrSubmit}</button>
  </form>
  <form id="qrimg">
    <label for="qrfiles" data-i18n="qrImages">${t.qrImages}</label>
    <input id="qrfiles" type="file" multiple accept="image/png,image/jpeg">
    <button type="submit" data-i18n="qrImagesSubmit">${t.qrImagesSubmit}</button>
  </form>
  <p id="qrresult" role="status" aria-live="polite"></p>
  <h2 data-i18n="usbTitle">${t.usbTitle}</h2>
  <p class="muted" data-i18n="usbHint">${t.usbHint}</p>
  <form id="usb">
    <input id="usbfile" type="file" accept=".json,application/json">
    <button type="submit" data-i18n="usbImport">${t.usbImport}</button>
  </form>
  <p id="usbresult" role="status"></p>
  <h2 data-i18n="summaryTable">${t.summaryTable}</h2>
  <div class="table-wrap">
    <table>
      <thead id="head"></thead>
      <tbody id="rows"></tbody>
      <tfoot id="foot"></tfoot>
    </table>
  </div>
</main>
<script type="application/json" id="i18n">${scriptJson(PAGE_STRINGS)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
