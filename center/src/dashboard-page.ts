/**
 * The dashboard page: one self-contained HTML file (inline CSS and script, no external resources)
 * in Kyrgyz (default), Russian and English. The page holds no data when served: its script asks
 * for the admin token (kept in sessionStorage), calls the admin API and writes every value with
 * `textContent` (never HTML). The Content-Security-Policy allows exactly the inline script and
 * style by their SHA-256 hashes.
 */
import { FORMAT_SCRIPT, headerActions, inlinePageCsp, pageHead, scriptJson, SHELL_SCRIPT, SHELL_STYLE, signInForm } from './page-shell';
import { expandDashboard } from '../../shared/sync/dashboard-compact';
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
${SHELL_STYLE}#irows tr.open td { background: #fff4e5; }
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
ul.devices li { margin: .1rem 0; }
ul.devices button { font-size: .8rem; padding: .05rem .4rem; margin-left: .3rem; }
section.console { background: #fff; border: 1px solid #d5dae1; border-radius: 4px; padding: .25rem 1rem .75rem; margin-bottom: 1rem; }
section.console h2 { margin-top: .75rem; }
section.console h3 { font-size: 1rem; margin: .75rem 0 .25rem; }
section.console form { margin: .5rem 0; flex-wrap: wrap; }
section.console input[type="file"], select { font: inherit; min-width: 0; }
#bundlediff dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; }
#bundlediff dd { font-size: 1rem; font-weight: 400; }
.ok { color: #0d4a1f; font-weight: 600; }
.error { color: #a4161a; font-weight: 600; }
.slips { display: flex; flex-wrap: wrap; gap: .75rem; margin: .5rem 0; }
.slip { border: 2px dashed #5a6270; padding: .6rem .9rem; min-width: 16rem; background: #fff; break-inside: avoid; }
.slip .code { font-family: "Noto Sans Mono", monospace; font-size: 1.5rem; font-weight: 700; letter-spacing: .05em; }
.slip div { margin: .15rem 0; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
.chart { margin: 0; background: #fff; border: 1px solid #d5dae1; border-radius: 4px; padding: .5rem; }
.chart h3 { font-size: .95rem; margin: 0 0 .25rem; }
.chart svg { display: block; }
.chart svg text { font-size: 11px; fill: #5a6270; }
.grid { display: flex; flex-wrap: wrap; gap: 2px; max-width: 40rem; }
.cell { width: 2.6rem; height: 1.4rem; font-size: .65rem; display: flex; align-items: center; justify-content: center; border-radius: 2px; }
.cell.st-never { background: #f1b0b7; }
.cell.st-fresh { background: #8fd19e; }
.cell.st-stale { background: #ffe083; }
.cell.proto { outline: 2px solid #1b4d89; outline-offset: -2px; font-weight: 700; }
.legend { display: flex; gap: .75rem; font-size: .8rem; margin-top: .35rem; flex-wrap: wrap; }
.legend span.cell { width: 1rem; height: .8rem; display: inline-block; vertical-align: middle; margin-right: .25rem; }
@media print {
  body > header, #message, #login, #board > :not(#console), #console > :not(#codes), #codes > :not(.slips) { display: none !important; }
  section.console { border: none; padding: 0; }
}
`;

/** Plain ES2020 for any current browser; every data value goes in with textContent. */
/**
 * The compact answer (asked for with `compact=1`) expanded into the objects the page renders by the
 * center's own `expandDashboard` (shared/sync/dashboard-compact.ts): that function uses nothing but
 * its argument, so its source is put in the page as it is — one definition of the compact format.
 */
export const EXPAND_COMPACT_SCRIPT = `
  var expandDashboard = ${expandDashboard.toString()};
`;

const SCRIPT = `
(function () {
  'use strict';
  var S = JSON.parse(document.getElementById('i18n').textContent);
  var LANGS = ['ky', 'ru', 'en'];
  var FRESH_MS = 15 * 60 * 1000;
  var TOKEN_KEY = 'precinct-desk.admin-token';
  var LANG_KEY = 'precinct-desk.dashboard-lang';
  var lang = 'ky';
  try { var saved = localStorage.getItem(LANG_KEY); if (LANGS.indexOf(saved) >= 0) lang = saved; } catch (e) { /* storage off */ }
  var election = new URLSearchParams(location.search).get('election');
  var data = null;
  var timer = null;
${SHELL_SCRIPT}
  function t(key) { return S[lang][key]; }
  // Figures and times as the laptops write them (the app's formatters, page-shell.ts FORMAT_SCRIPT).
${FORMAT_SCRIPT}
  // The dashboard asked for in its compact form (a third of the bytes), expanded here.
${EXPAND_COMPACT_SCRIPT}
  function num(n) { return n === null || n === undefined ? '' : formatNumber(Number(n), lang); }
  function when(iso) { return iso ? formatDateTime(iso, lang) : t('never'); }
  function query(extra) {
    var p = new URLSearchParams();
    if (election) p.set('election', election);
    if (extra) Object.keys(extra).forEach(function (k) { p.set(k, extra[k]); });
    var s = p.toString();
    return s ? '?' + s : '';
  }
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
    loadDemo();
    loadAudit();
    loadKeys();
    return request('/api/admin/dashboard' + query({ compact: '1' })).then(function (res) { return res.json(); }).then(function (body) {
      data = expandDashboard(body);
      say('');
      render();
    }, function (e) {
      // A fresh center has no election yet: the console stays open to load one.
      say(e && e.shown ? e.shown : String(e), true);
      data = null;
      staticTexts();
      $('bundleactive').textContent = t('bundleNone');
    });
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
    $('meta').textContent = (data.votingDay ? t('votingDay') + ' ' + formatDate(data.votingDay, lang) + ' · ' : '') + t('updatedAt') + ' ' + when(data.generatedAt);
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
          li.title = d.deviceId + (d.lastPushAt ? ' · ' + t('lastPush') + ' ' + when(d.lastPushAt) : '');
          if (!d.revoked) {
            var b = el('button', null, t('revoke'));
            b.type = 'button';
            b.setAttribute('data-device', d.deviceId);
            b.addEventListener('click', function () { revoke(d); });
            li.appendChild(b);
          }
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
    renderConsole();
    renderCharts();
    renderAudit();
    renderKeys();
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
  // ——— the operator's console: bundle, one-time codes, laptops, audit log ———
  var offered = null, demo = null, slips = [];
  function sendJson(method, path, payload) {
    return fetch(path, {
      method: method, cache: 'no-store', credentials: 'omit',
      headers: payload === undefined ? { authorization: 'Bearer ' + token() } : { authorization: 'Bearer ' + token(), 'content-type': 'application/json' },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    }).then(function (res) {
      return res.json().then(function (b) { return { ok: res.ok, status: res.status, body: b }; }, function () { return { ok: false, status: res.status, body: null }; });
    });
  }
  function refusal(b) {
    var code = String(b && b.error);
    return (S[lang]['err:' + code] || code) + (b && b.detail ? ' (' + b.detail + ')' : '');
  }
  function fill(key, values) {
    var text = t(key);
    Object.keys(values).forEach(function (k) { text = text.split('{' + k + '}').join(String(values[k])); });
    return text;
  }
  function result(id, text, good) { var out = $(id); out.textContent = text; out.className = good === undefined ? 'muted' : good ? 'ok' : 'error'; }
  function checkBundle(json) {
    offered = null;
    $('bundlediff').classList.add('hidden');
    sendJson('POST', '/api/admin/bundles/preview', json).then(function (r) {
      if (!r.ok) { result('bundleresult', t('bundleRefused') + ' ' + refusal(r.body), false); return; }
      offered = { json: json, diff: r.body };
      result('bundleresult', '');
      renderDiff();
    }, function () { result('bundleresult', t('errNetwork'), false); });
  }
  function renderDiff() {
    if (!offered) return;
    var d = offered.diff, dl = $('bundlechanges');
    $('bundlediff').classList.remove('hidden');
    $('bundleoffered').textContent = fill('bundleOffered', { id: d.electionId, v: d.bundleVersion, n: num(d.precincts) }) + ' — ' +
      (d.active === null ? t('bundleFirst') : d.unchanged ? t('bundleUnchanged') : d.versionTooLow ? fill('bundleTooLow', { v: d.active.bundleVersion }) : fill('bundleActive', { id: d.electionId, v: d.active.bundleVersion }));
    clear(dl);
    function row(key, value) { dl.appendChild(el('dt', null, t(key))); dl.appendChild(el('dd', null, value)); }
    function list(numbers) { return numbers.length > 12 ? numbers.slice(0, 12).join(', ') + ' … (' + num(numbers.length) + ')' : numbers.join(', '); }
    if (d.active !== null) {
      if (d.added.length) row('bundleAdded', list(d.added));
      if (d.removed.length) row('bundleRemoved', list(d.removed));
      if (d.changed.length) row('bundleChanged', list(d.changed));
      if (d.votingDay.from !== d.votingDay.to) row('bundleDay', formatDate(d.votingDay.from, lang) + ' → ' + formatDate(d.votingDay.to, lang));
      if (d.candidates.from !== d.candidates.to) row('bundleCandidates', num(d.candidates.from) + ' → ' + num(d.candidates.to));
      if (d.reportTimes.from && d.reportTimes.from.join(' ') !== d.reportTimes.to.join(' ')) row('bundleReports', d.reportTimes.from.join(', ') + ' → ' + d.reportTimes.to.join(', '));
    } else {
      row('bundleDay', formatDate(d.votingDay.to, lang));
      row('bundleCandidates', num(d.candidates.to));
    }
    $('bundleactivate').disabled = d.unchanged || d.versionTooLow;
  }
  $('bundleform').addEventListener('submit', function (event) {
    event.preventDefault();
    var file = $('bundlefile').files[0];
    if (!file) return;
    file.text().then(function (text) {
      var json;
      try { json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text); } catch (e) { result('bundleresult', t('bundleRefused') + ' ' + t('bundleNotJson'), false); return; }
      checkBundle(json);
    });
  });
  $('bundledemo').addEventListener('click', function () { if (demo) checkBundle(demo); });
  $('bundleactivate').addEventListener('click', function () {
    if (!offered) return;
    var d = offered.diff;
    sendJson('POST', '/api/admin/bundles', offered.json).then(function (r) {
      if (!r.ok) { result('bundleresult', t('bundleRefused') + ' ' + refusal(r.body), false); return; }
      offered = null;
      $('bundlediff').classList.add('hidden');
      result('bundleresult', fill('bundleDone', { id: r.body.electionId, v: r.body.bundleVersion }), true);
      if (!election) election = d.electionId;
      load();
    }, function () { result('bundleresult', t('errNetwork'), false); });
  });
  $('codeform').addEventListener('submit', function (event) {
    event.preventDefault();
    var precinct = Number($('codeprecinct').value);
    if (!precinct) return;
    var payload = { precinct: precinct };
    if (data && data.electionId) payload.electionId = data.electionId;
    sendJson('POST', '/api/admin/enrolment-codes', payload).then(function (r) {
      if (!r.ok) { result('coderesult', t('codesRefused') + ' ' + refusal(r.body), false); return; }
      var p = data && data.precincts.filter(function (x) { return x.number === r.body.precinct; })[0];
      slips.unshift({ precinct: r.body.precinct, name: p ? p.name : '', code: r.body.code, expiresAt: r.body.expiresAt });
      result('coderesult', '');
      renderSlips();
      loadAudit();
    }, function () { result('coderesult', t('errNetwork'), false); });
  });
  $('codeprint').addEventListener('click', function () { window.print(); });
  function renderSlips() {
    var box = $('slips');
    clear(box);
    $('codeprint').classList.toggle('hidden', slips.length === 0);
    slips.forEach(function (s) {
      var slip = el('div', 'slip');
      slip.appendChild(el('strong', null, t('slipTitle')));
      slip.appendChild(el('div', null, t('codesPrecinct') + ' ' + s.precinct + (s.name ? ' — ' + s.name : '')));
      slip.appendChild(el('div', null, t('slipCenter') + ': ' + location.origin));
      var c = el('div', null, t('slipCode') + ': ');
      c.appendChild(el('span', 'code', s.code));
      slip.appendChild(c);
      slip.appendChild(el('div', 'muted', t('slipExpires') + ': ' + when(s.expiresAt)));
      box.appendChild(slip);
    });
  }
  function revoke(d) {
    if (!window.confirm(fill('revokeConfirm', { d: d.label || d.deviceId }))) return;
    sendJson('POST', '/api/admin/devices/' + encodeURIComponent(d.deviceId) + '/revoke', {}).then(function (r) {
      if (!r.ok) { say(refusal(r.body), true); return; }
      var done = fill('revokeDone', { d: d.label || d.deviceId });
      Promise.resolve(load()).then(function () { say(done); });
    }, function () { say(t('errNetwork'), true); });
  }
  function renderConsole() {
    var select = $('codeprecinct'), chosen = select.value;
    clear(select);
    data.precincts.forEach(function (p) {
      var o = el('option', null, p.number + ' — ' + p.name);
      o.value = String(p.number);
      select.appendChild(o);
    });
    if (chosen) select.value = chosen;
    $('bundleactive').textContent = data.electionName ? fill('bundleActive', { id: data.electionId, v: data.bundleVersion === null ? '' : data.bundleVersion }) : t('bundleNone');
    renderDiff();
    renderSlips();
  }
  var ACTION_KEY = {
    '/api/admin/bundles': 'actBundle',
    '/api/admin/enrolment-codes': 'actCode',
    '/api/admin/devices/:deviceId/revoke': 'actRevoke',
    '/api/admin/devices/:deviceId/rekey': 'actRekey',
    '/api/admin/import-batch': 'actUsb',
    '/api/admin/protocol-qr': 'actQr',
    '/api/admin/protocol-qr-image': 'actQrImage',
    '/api/admin/rebuild-aggregates': 'actRebuild',
    '/api/admin/keys/rotate': 'actKeyRotate',
    'cli key rotate': 'actKeyRotate'
  };
  // The signing key: which one signs, how many rotations laptops follow, and rotating it (confirmed).
  var keys = null;
  function loadKeys() {
    sendJson('GET', '/api/admin/keys').then(function (r) {
      if (!r.ok) return;
      keys = r.body;
      renderKeys();
    }, function () { /* the next load tries again */ });
  }
  function renderKeys() {
    $('keyactive').textContent = keys ? fill('keyActive', { id: keys.activeKeyId.slice(0, 16), n: keys.chain.length }) : '';
  }
  $('keyrotate').addEventListener('click', function () {
    if (!window.confirm(t('keyRotateConfirm'))) return;
    sendJson('POST', '/api/admin/keys/rotate', {}).then(function (r) {
      if (!r.ok) { result('keyresult', t('keyRotateRefused') + ' ' + refusal(r.body), false); loadAudit(); return; }
      result('keyresult', fill('keyRotateDone', { id: r.body.toKeyId.slice(0, 16) }), true);
      loadKeys();
      loadAudit();
    }, function () { result('keyresult', t('errNetwork'), false); });
  });
  var auditEntries = [];
  function loadAudit() {
    sendJson('GET', '/api/admin/audit?limit=50').then(function (r) {
      if (!r.ok) return;
      auditEntries = r.body.entries;
      renderAudit();
    }, function () { /* the next load tries again */ });
  }
  function renderAudit() {
      var r = { body: { entries: auditEntries } };
      var rows = $('auditrows');
      clear(rows);
      $('audittable').className = r.body.entries.length ? '' : 'hidden';
      $('auditnone').className = r.body.entries.length ? 'hidden' : 'muted';
      r.body.entries.forEach(function (e) {
        var tr = el('tr', e.outcome === 'ok' ? null : 'open');
        tr.appendChild(el('td', null, when(e.at)));
        tr.appendChild(el('td', null, ACTION_KEY[e.action] ? t(ACTION_KEY[e.action]) : e.action));
        tr.appendChild(el('td', null, e.target || ''));
        tr.appendChild(el('td', e.outcome === 'ok' ? null : 'err', e.outcome === 'ok' ? t('auditOk') : refusal({ error: e.outcome })));
        rows.appendChild(tr);
      });
  }
  function loadDemo() {
    if (demo) return;
    sendJson('GET', '/api/admin/demo-bundle').then(function (r) {
      if (r.status === 200 && r.body) { demo = r.body; $('bundledemo').classList.remove('hidden'); }
    }, function () { /* not offered */ });
  }
  // ——— pictures: plain SVG from the same figures as the tables ———
  var SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  var W = 420, H = 220, L = 48, R = 28, T = 12, B = 28;
  function axes(root, yMax, yLabel, xLabels) {
    var h = H - T - B, w = W - L - R;
    [0, 0.5, 1].forEach(function (f) {
      var y = T + h - f * h;
      root.appendChild(svg('line', { x1: L, x2: L + w, y1: y, y2: y, stroke: '#d5dae1' }));
      root.appendChild(svg('text', { x: L - 4, y: y + 4, 'text-anchor': 'end' }, yLabel(f * yMax)));
    });
    xLabels.forEach(function (x) { root.appendChild(svg('text', { x: x.at, y: H - 8, 'text-anchor': 'middle' }, x.text)); });
  }
  function renderTurnoutChart() {
    var box = $('turnoutchart');
    clear(box);
    var times = data.reportTimes, usePercent = data.totals.voterCount > 0;
    var root = svg('svg', { width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': t('chartTurnout') });
    var h = H - T - B, w = W - L - R;
    function valueOf(point) { return usePercent ? (point.percent === null ? null : point.percent) : point.ballots; }
    var yMax = usePercent ? 0 : 1;
    data.totals.turnout.forEach(function (p) { var v = valueOf(p); if (v !== null && v > yMax) yMax = v; });
    data.precincts.forEach(function (p) { p.turnout.forEach(function (q) { var v = q.reached ? valueOf(q) : null; if (v !== null && v > yMax) yMax = v; }); });
    if (usePercent) yMax = Math.min(100, Math.max(10, Math.ceil(yMax / 10) * 10));
    var xAt = function (i) { return L + (times.length <= 1 ? w / 2 : (i * w) / (times.length - 1)); };
    var yAt = function (v) { return T + h - (v / yMax) * h; };
    axes(root, yMax, function (v) { return usePercent ? num(Math.round(v)) + ' %' : num(Math.round(v)); }, times.map(function (time, i) { return { at: xAt(i), text: time }; }));
    function line(points, attrs) {
      var pts = [];
      points.forEach(function (q, i) { var v = q && q.reached ? valueOf(q) : null; if (v !== null) pts.push(xAt(i).toFixed(1) + ',' + yAt(v).toFixed(1)); });
      if (pts.length > 1) root.appendChild(svg('polyline', Object.assign({ points: pts.join(' '), fill: 'none' }, attrs)));
    }
    data.precincts.forEach(function (p) {
      var g = svg('g', { 'data-precinct': p.number });
      root.appendChild(g);
      line(p.turnout, { stroke: '#9aa5b5', 'stroke-width': 1, 'stroke-opacity': 0.6, class: 'precinct-line' });
    });
    var totalPoints = data.totals.turnout.map(function (q) { return { reached: true, percent: q.percent, ballots: q.ballots }; });
    line(totalPoints, { stroke: '#1b4d89', 'stroke-width': 3, class: 'total-line' });
    data.totals.turnout.forEach(function (q, i) {
      var v = valueOf(q);
      if (v === null) return;
      var c = svg('circle', { cx: xAt(i), cy: yAt(v), r: 4, fill: '#1b4d89', class: 'total-point', 'data-time': q.time, 'data-ballots': q.ballots });
      c.appendChild(svg('title', {}, t('chartTurnoutTotal') + ' ' + q.time + ': ' + turnoutText(q)));
      root.appendChild(c);
    });
    box.appendChild(root);
  }
  function hhmm(ms) { var d = new Date(ms); return two(d.getHours()) + ':' + two(d.getMinutes()); }
  function renderReportingChart() {
    var box = $('reportingchart');
    clear(box);
    var times = [];
    data.precincts.forEach(function (p) {
      var at = [p.protocol && p.protocol.receivedAt, p.protocolQr && p.protocolQr.receivedAt].filter(Boolean).map(Date.parse).filter(function (x) { return !isNaN(x); });
      if (at.length) times.push(Math.min.apply(null, at));
    });
    if (times.length === 0) { box.appendChild(el('p', 'muted', t('chartReportingNone'))); return; }
    times.sort(function (a, b) { return a - b; });
    var from = times[0], to = Math.max(times[times.length - 1], Date.parse(data.generatedAt));
    if (to - from < 60000) from = to - 3600000;
    var total = data.precincts.length;
    var root = svg('svg', { width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': t('chartReporting') });
    var h = H - T - B, w = W - L - R;
    var xAt = function (ms) { return L + ((ms - from) / (to - from)) * w; };
    var yAt = function (n) { return T + h - (n / total) * h; };
    axes(root, total, function (v) { return num(Math.round(v)); }, [{ at: L, text: hhmm(from) }, { at: L + w / 2, text: hhmm((from + to) / 2) }, { at: L + w, text: hhmm(to) }]);
    var pts = [xAt(from).toFixed(1) + ',' + yAt(0).toFixed(1)];
    times.forEach(function (ms, i) { pts.push(xAt(ms).toFixed(1) + ',' + yAt(i).toFixed(1)); pts.push(xAt(ms).toFixed(1) + ',' + yAt(i + 1).toFixed(1)); });
    pts.push(xAt(to).toFixed(1) + ',' + yAt(times.length).toFixed(1));
    root.appendChild(svg('polyline', { points: pts.join(' '), fill: 'none', stroke: '#0d4a1f', 'stroke-width': 2, class: 'reporting-line', 'data-count': times.length }));
    root.appendChild(svg('text', { x: L + w, y: yAt(times.length) - 6, 'text-anchor': 'end' }, num(times.length) + ' / ' + num(total)));
    box.appendChild(root);
  }
  function renderGrid() {
    var grid = $('grid');
    clear(grid);
    data.precincts.forEach(function (p) {
      var st = statusOf(p);
      var cell = el('span', 'cell st-' + st + (p.protocolSource ? ' proto' : ''), p.number);
      cell.title = p.number + ' — ' + p.name + ': ' + t(STATUS_KEY[st]) + (p.protocolSource ? ', ' + t('gridProtocol') : '');
      cell.setAttribute('data-precinct', String(p.number));
      cell.setAttribute('data-status', st);
      grid.appendChild(cell);
    });
  }
  function renderCharts() { renderTurnoutChart(); renderReportingChart(); renderGrid(); }
  $('csv').addEventListener('click', downloadCsv);
  $('pcsv').addEventListener('click', downloadProtocols);
  onLanguageButtons(render);
  staticTexts();
  load();
  timer = setInterval(function () { if (token() && !document.hidden) load(); }, 60000);
  window.addEventListener('pagehide', function () { clearInterval(timer); });
})();
`;

export const DASHBOARD_CSP = inlinePageCsp(SCRIPT, STYLE);

export function dashboardPageHtml(): string {
  const t = DASHBOARD_STRINGS.ky;
  return `${pageHead(t, STYLE)}
<header>
  <div>
    <h1 data-i18n="title">${t.title}</h1>
    <div><strong id="election"></strong> <span id="meta" class="muted"></span></div>
  </div>
  ${headerActions(t)}
</header>
${signInForm(t)}
<main id="board" class="hidden">
  <section id="console" class="console" aria-labelledby="console-title">
    <h2 id="console-title" data-i18n="consoleTitle">${t.consoleTitle}</h2>
    <div id="bundle">
      <h3 data-i18n="bundleTitle">${t.bundleTitle}</h3>
      <p id="bundleactive" class="muted"></p>
      <p class="muted" data-i18n="bundleHint">${t.bundleHint}</p>
      <form id="bundleform">
        <label for="bundlefile" data-i18n="bundleFile">${t.bundleFile}</label>
        <input id="bundlefile" type="file" accept=".json,application/json">
        <button type="submit" data-i18n="bundleCheck">${t.bundleCheck}</button>
        <button type="button" id="bundledemo" class="hidden" data-i18n="bundleDemo">${t.bundleDemo}</button>
      </form>
      <div id="bundlediff" class="hidden">
        <p id="bundleoffered"></p>
        <dl id="bundlechanges"></dl>
        <button type="button" id="bundleactivate" data-i18n="bundleActivate">${t.bundleActivate}</button>
      </div>
      <p id="bundleresult" role="status" aria-live="polite"></p>
    </div>
    <div id="codes">
      <h3 data-i18n="codesTitle">${t.codesTitle}</h3>
      <p class="muted" data-i18n="codesHint">${t.codesHint}</p>
      <form id="codeform">
        <label for="codeprecinct" data-i18n="codesPrecinct">${t.codesPrecinct}</label>
        <select id="codeprecinct"></select>
        <button type="submit" data-i18n="codesIssue">${t.codesIssue}</button>
        <button type="button" id="codeprint" class="hidden" data-i18n="codesPrint">${t.codesPrint}</button>
      </form>
      <p id="coderesult" role="status" aria-live="polite"></p>
      <div id="slips" class="slips"></div>
    </div>
    <div id="signingkey">
      <h3 data-i18n="keyTitle">${t.keyTitle}</h3>
      <p id="keyactive" class="muted"></p>
      <p class="muted" data-i18n="keyHint">${t.keyHint}</p>
      <button type="button" id="keyrotate" data-i18n="keyRotate">${t.keyRotate}</button>
      <p id="keyresult" role="status" aria-live="polite"></p>
    </div>
    <div id="audit">
      <h3 data-i18n="auditTitle">${t.auditTitle}</h3>
      <p id="auditnone" class="muted" data-i18n="auditNone">${t.auditNone}</p>
      <div class="table-wrap">
        <table id="audittable" class="hidden">
          <thead><tr><th data-i18n="incTime">${t.incTime}</th><th data-i18n="auditAction">${t.auditAction}</th><th data-i18n="auditTarget">${t.auditTarget}</th><th data-i18n="auditOutcome">${t.auditOutcome}</th></tr></thead>
          <tbody id="auditrows"></tbody>
        </table>
      </div>
    </div>
  </section>
  <h2 data-i18n="totals">${t.totals}</h2>
  <dl id="totals" class="totals"></dl>
  <h2 data-i18n="chartsTitle">${t.chartsTitle}</h2>
  <div class="charts">
    <figure class="chart" id="turnoutfig"><h3 data-i18n="chartTurnout">${t.chartTurnout}</h3><div id="turnoutchart"></div></figure>
    <figure class="chart" id="reportingfig"><h3 data-i18n="chartReporting">${t.chartReporting}</h3><div id="reportingchart"></div></figure>
    <figure class="chart" id="gridfig"><h3 data-i18n="chartGrid">${t.chartGrid}</h3><div id="grid" class="grid"></div>
      <div class="legend"><span><span class="cell st-never"></span><span data-i18n="statusNever">${t.statusNever}</span></span><span><span class="cell st-stale"></span><span data-i18n="statusStale">${t.statusStale}</span></span><span><span class="cell st-fresh"></span><span data-i18n="statusFresh">${t.statusFresh}</span></span><span><span class="cell st-fresh proto"></span><span data-i18n="gridProtocol">${t.gridProtocol}</span></span></div>
    </figure>
  </div>
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
