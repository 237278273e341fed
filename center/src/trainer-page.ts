/**
 * The trainer's screen (`GET /trainer` on a center in training mode): one self-contained HTML file
 * (inline CSS and script, no external resources: it works on a room's network without internet) in
 * Kyrgyz (default), Russian and English. It asks for the admin token (or takes it from the address's
 * `#token=`, as `center serve --training` prints it), shows the room's code, every trainee laptop
 * with its scenario, steps and verdict (polled every 2 s), sends "start this scenario on every
 * laptop" and "reset every laptop", and prints a summary: `/trainer/print` is the same page showing
 * the A4 sheet (every trainee with the precincts trained at and each scenario's verdict, the mistakes
 * caught, the date, the trainer's signature line; the room's screen prints the same sheet). Every
 * value goes in with `textContent`.
 */
import { headerActions, inlinePageCsp, pageHead, scriptJson, SHELL_SCRIPT, SHELL_STYLE, signInForm } from './page-shell';
import kyOwn from '../../locales/ky/trainer.json';
import ruOwn from '../../locales/ru/trainer.json';
import enOwn from '../../locales/en/trainer.json';
import kyScenarios from '../../locales/ky/scenarios.json';
import ruScenarios from '../../locales/ru/scenarios.json';
import enScenarios from '../../locales/en/scenarios.json';
import kyOutpremises from '../../locales/ky/outpremises.json';
import ruOutpremises from '../../locales/ru/outpremises.json';
import enOutpremises from '../../locales/en/outpremises.json';
import kyVoters from '../../locales/ky/voters.json';
import ruVoters from '../../locales/ru/voters.json';
import enVoters from '../../locales/en/voters.json';
import kyProtocol from '../../locales/ky/protocol.json';
import ruProtocol from '../../locales/ru/protocol.json';
import enProtocol from '../../locales/en/protocol.json';
import { SCENARIOS } from '../../shared/training/scenarios';

export const TRAINER_LANGUAGES = ['ky', 'ru', 'en'] as const;
export type TrainerLanguage = (typeof TRAINER_LANGUAGES)[number];

type Tree = { [key: string]: string | Tree };

function flatten(tree: unknown, prefix: string, out: Record<string, string> = {}): Record<string, string> {
  if (typeof tree === 'string') out[prefix] = tree;
  else if (typeof tree === 'object' && tree !== null) for (const [k, v] of Object.entries(tree as Tree)) flatten(v, prefix.endsWith(':') ? `${prefix}${k}` : `${prefix}.${k}`, out);
  return out;
}

/** The page's own words (flat: "verdict.passed") and the app's words a report names by key. */
function pageStrings(own: Tree, scenarios: Tree, outpremises: Tree, voters: Tree, protocol: Tree): Record<string, string> {
  const { handout: _handout, panel: _panel, ...scenarioTexts } = scenarios;
  const incident = (voters.incident ?? {}) as Tree;
  return {
    ...flatten(own, 'trainer:'),
    ...flatten(scenarioTexts, 'scenarios:'),
    ...flatten({ refusalCode: outpremises.refusalCode ?? {} }, 'outpremises:'),
    ...flatten({ incident: { kind: incident.kind ?? {}, outcome: incident.outcome ?? {} } }, 'voters:'),
    ...flatten({ mark: protocol.mark ?? {}, finding: protocol.finding ?? {} }, 'protocol:'),
  };
}

export const TRAINER_STRINGS: Record<TrainerLanguage, Record<string, string>> = {
  ky: pageStrings(kyOwn as Tree, kyScenarios as Tree, kyOutpremises as Tree, kyVoters as Tree, kyProtocol as Tree),
  ru: pageStrings(ruOwn as Tree, ruScenarios as Tree, ruOutpremises as Tree, ruVoters as Tree, ruProtocol as Tree),
  en: pageStrings(enOwn as Tree, enScenarios as Tree, enOutpremises as Tree, enVoters as Tree, enProtocol as Tree),
};

const STYLE = `
${SHELL_STYLE}button { font: inherit; padding: .3rem .8rem; border: 1px solid #8a94a3; border-radius: 4px; background: #fff; color: #1b1f24; cursor: pointer; }
button[aria-pressed="true"] { background: #1b4d89; color: #fff; border-color: #1b4d89; }
button.primary { background: #1b4d89; color: #fff; border-color: #1b4d89; }
form, .actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .6rem 0; }
input, select { font: inherit; padding: .3rem .5rem; }
#message { min-height: 1.5rem; }
#message.error { color: #a4161a; font-weight: 600; }
.code { font-size: 2.4rem; font-weight: 700; letter-spacing: .12em; font-variant-numeric: tabular-nums; background: #fff; border: 2px solid #1b4d89; border-radius: 6px; padding: .2rem 1rem; display: inline-block; }
table { border-collapse: collapse; background: #fff; font-size: .95rem; width: 100%; }
th, td { border: 1px solid #d5dae1; padding: .35rem .5rem; vertical-align: top; text-align: left; }
th { background: #eef1f5; }
ol.steps { margin: 0; padding-left: 1.2rem; }
ol.steps li.correct::marker { color: #1b7a3a; }
li.correct .mark { color: #1b7a3a; font-weight: 700; }
li.wrong .mark { color: #a4161a; font-weight: 700; }
li.wrong { color: #a4161a; }
.why { display: block; font-size: .85rem; color: #5a6270; }
li.wrong .why { color: #a4161a; }
.verdict { display: inline-block; padding: .15rem .5rem; border-radius: 3px; font-weight: 600; white-space: nowrap; }
.v-none { background: #eef1f5; color: #5a6270; }
.v-in-progress { background: #fff0c2; color: #5c4300; }
.v-passed { background: #d1f0d9; color: #0d4a1f; }
.v-mistake { background: #fde8e8; color: #a4161a; }
#summary ul { margin: 0; padding-left: 1.1rem; }
#sheet { background: #fff; max-width: 190mm; margin: 1rem auto; padding: 12mm 10mm; box-shadow: 0 0 0 1px #d5dae1; font-size: 10.5pt; }
#sheet h1 { font-size: 15pt; margin: .2rem 0 .3rem; text-align: center; }
#sheet h2 { font-size: 11.5pt; margin: 1rem 0 .4rem; }
#sheet .stamp { text-align: center; font-weight: 700; letter-spacing: .08em; border: 2px solid #1b1f24; padding: .15rem; margin: 0 0 .4rem; }
#sheet .meta { text-align: center; margin: 0 0 .8rem; }
#sheet table { font-size: 9.5pt; }
#sheet th, #sheet td { border-color: #1b1f24; padding: .2rem .35rem; }
#sheet td.cell, #sheet th[data-scenario] { text-align: center; white-space: nowrap; }
#sheet .legend { font-size: 9pt; margin: .3rem 0 0; }
#sheet .why { color: inherit; }
#sheet tr { break-inside: avoid; }
.signs { display: flex; gap: .8rem; align-items: flex-start; margin-top: 2.4rem; break-inside: avoid; }
.signs .who { line-height: 1.6rem; font-weight: 600; }
.signs .sig { flex: 1; display: flex; flex-direction: column; }
.signs .blank { border-bottom: 1px solid #1b1f24; height: 1.6rem; }
.signs small { text-align: center; font-size: 8pt; color: #5a6270; }
.sheet-tools { max-width: 190mm; margin: 0 auto; }
@page { size: A4; margin: 12mm; }
@media print {
  :root, body { background: #fff; padding: 0; }
  header, #login, #message, #board, .sheet-tools { display: none !important; }
  #sheet { display: block !important; box-shadow: none; margin: 0; padding: 0; max-width: none; }
}
`;

const SCRIPT = `
(function () {
  'use strict';
  var S = JSON.parse(document.getElementById('i18n').textContent);
  var SCENARIOS = JSON.parse(document.getElementById('scenarios').textContent);
  var LANGS = ['ky', 'ru', 'en'];
  var TOKEN_KEY = 'precinct-desk.admin-token';
  var LANG_KEY = 'precinct-desk.trainer-lang';
  var lang = 'ky';
  try { var saved = localStorage.getItem(LANG_KEY); if (LANGS.indexOf(saved) >= 0) lang = saved; } catch (e) { /* storage off */ }
  var data = null;
  var timer = null;
${SHELL_SCRIPT}
  function has(key) { return Object.prototype.hasOwnProperty.call(S[lang], key); }
  function t(key) { return has('trainer:' + key) ? S[lang]['trainer:' + key] : key; }
  function fill(text, params) { return text.replace(/\\{(\\w+)\\}/g, function (m, k) { return params[k] === undefined ? m : String(params[k]); }); }
  // An app text by its i18n key, "{{x}}" filled from the params, plural forms chosen by count.
  function word(key, params, terms) {
    var p = {};
    Object.keys(params || {}).forEach(function (k) { p[k] = params[k]; });
    Object.keys(terms || {}).forEach(function (k) { p[k] = has(terms[k]) ? S[lang][terms[k]] : ''; });
    var k = key;
    if (!has(k) && typeof p.count === 'number') {
      var form = new Intl.PluralRules(lang === 'ky' ? 'ky' : lang).select(p.count);
      k = has(key + '_' + form) ? key + '_' + form : key + '_other';
    }
    var text = has(k) ? S[lang][k] : '';
    return text.replace(/\\{\\{(\\w+)\\}\\}/g, function (m, name) { return p[name] === undefined ? '' : String(p[name]); });
  }
  function when(iso) {
    if (!iso) return t('never');
    var d = new Date(iso);
    return two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds());
  }
  function setToken(value) { try { if (value) sessionStorage.setItem(TOKEN_KEY, value); else sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* storage off */ } }
  // The address the center printed carries the token after '#': kept for the tab, then taken off the address.
  (function () {
    var m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (m) { setToken(decodeURIComponent(m[1])); history.replaceState(null, '', location.pathname + location.search); }
  })();
  // '/trainer/print': the summary's A4 sheet on screen too (the room's screen prints the same sheet).
  var SHEET = /[/]print[/]?$/.test(location.pathname);
  function signedIn(yes) {
    $('login').classList.toggle('hidden', yes);
    $('board').classList.toggle('hidden', !yes || SHEET);
    $('sheet').classList.toggle('hidden', !yes || !SHEET);
    $('sheettools').classList.toggle('hidden', !yes || !SHEET);
    $('signout').classList.toggle('hidden', !yes);
  }
  function request(method, path, body) {
    var init = { method: method, headers: { authorization: 'Bearer ' + token() }, cache: 'no-store', credentials: 'omit' };
    if (body !== undefined) { init.headers['content-type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(path, init).then(function (res) {
      if (res.status === 401) { setToken(null); signedIn(false); throw { shown: t('errUnauthorized') }; }
      if (res.status === 404) throw { shown: t('errNotTraining') };
      if (!res.ok) return res.json().then(function (b) { throw { shown: t('errOther') + ' ' + String(b && b.error) }; }, function () { throw { shown: t('errOther') + ' ' + res.status }; });
      return res.json();
    }, function () { throw { shown: t('errNetwork') }; });
  }
  function load() {
    if (!token()) { signedIn(false); return; }
    signedIn(true);
    request('GET', '/api/admin/training/room').then(function (body) {
      data = body;
      say('');
      render();
    }, function (e) { say(e && e.shown ? e.shown : String(e), true); });
  }
  function poll() {
    if (timer) clearInterval(timer);
    timer = setInterval(function () { if (token()) load(); }, 2000);
  }
  function scenarioTitle(id) { return word('scenarios:' + id + '.title') || id; }
  function stepTitle(scenarioId, step) { return word('scenarios:' + scenarioId + '.steps.' + step) || step; }
  function verdictBadge(v) {
    var b = el('span', 'verdict v-' + v, t('verdict.' + v));
    b.setAttribute('data-verdict', v);
    return b;
  }
  // Why a step is judged so: its detail, and the findings the protocol screen shows behind it.
  function why(s) {
    var box = el('span', 'why');
    box.appendChild(el('span', null, word(s.detailKey, s.params, s.terms)));
    (s.notes || []).forEach(function (n) { box.appendChild(el('span', null, ' ' + word(n.key, n.params))); });
    return box;
  }
  function name(tr) { return tr.label || t('unnamed'); }
  function staticTexts() {
    document.documentElement.lang = lang;
    document.title = t('title');
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (node) { node.textContent = t(node.getAttribute('data-i18n')); });
    Array.prototype.forEach.call(document.querySelectorAll('button[data-lang]'), function (b) { b.setAttribute('aria-pressed', String(b.getAttribute('data-lang') === lang)); });
    var select = $('scenario');
    var chosen = select.value;
    clear(select);
    SCENARIOS.forEach(function (id, i) {
      var o = el('option', null, (i + 1) + '. ' + scenarioTitle(id));
      o.value = id;
      select.appendChild(o);
    });
    if (chosen) select.value = chosen;
  }
  function render() {
    staticTexts();
    if (!data) return;
    $('code').textContent = data.code;
    $('codehint').textContent = fill(t('codeHint'), { url: location.origin });
    var c = data.command;
    $('sent').textContent = !c ? '' : c.action === 'start' ? fill(t('sentStart'), { time: when(c.issuedAt), scenario: scenarioTitle(c.scenarioId) }) : fill(t('sentReset'), { time: when(c.issuedAt) });
    $('count').textContent = data.trainees.length ? fill(t('traineeCount'), { n: data.trainees.length }) : t('noTrainees');
    var rows = $('rows');
    clear(rows);
    data.trainees.forEach(function (tr) {
      var row = el('tr');
      row.setAttribute('data-device', tr.deviceId);
      row.setAttribute('data-verdict', tr.verdict);
      row.appendChild(el('td', 'strong', name(tr)));
      row.appendChild(el('td', null, tr.scenario ? scenarioTitle(tr.scenario.id) + ' · ' + tr.scenario.precinct : t('noScenario')));
      var steps = el('td');
      if (tr.scenario && tr.steps.length) {
        var ol = el('ol', 'steps');
        tr.steps.forEach(function (s) {
          var li = el('li', s.state);
          li.setAttribute('data-step', s.step);
          li.setAttribute('data-state', s.state);
          li.appendChild(el('span', 'mark', s.state === 'correct' ? '✔ ' : s.state === 'wrong' ? '✘ ' : '… '));
          li.appendChild(el('span', null, stepTitle(tr.scenario.id, s.step)));
          if (s.state !== 'pending') li.appendChild(why(s));
          ol.appendChild(li);
        });
        steps.appendChild(ol);
      }
      row.appendChild(steps);
      var v = el('td', 'verdict-cell');
      v.appendChild(verdictBadge(tr.verdict));
      row.appendChild(v);
      row.appendChild(el('td', 'muted', when(tr.lastReportAt)));
      rows.appendChild(row);
    });
    renderSummary();
  }
  function renderSummary() {
    var body = $('srows');
    clear(body);
    var any = false;
    data.trainees.forEach(function (tr) {
      tr.history.forEach(function (h, i) {
        any = true;
        var row = el('tr');
        row.setAttribute('data-device', tr.deviceId);
        row.appendChild(el('td', 'strong', i === 0 ? name(tr) : ''));
        var played = el('td', null, scenarioTitle(h.scenarioId) + ' — ');
        played.appendChild(verdictBadge(h.verdict));
        row.appendChild(played);
        var m = el('td');
        if (!h.mistakes.length) m.appendChild(el('span', 'muted', t('noMistakes')));
        else {
          var ul = el('ul');
          h.mistakes.forEach(function (x) {
            var li = el('li', null, stepTitle(h.scenarioId, x.step) + ' — ');
            li.appendChild(why(x));
            ul.appendChild(li);
          });
          m.appendChild(ul);
        }
        row.appendChild(m);
        body.appendChild(row);
      });
    });
    $('snone').classList.toggle('hidden', any);
    $('printed').textContent = fill(t('summaryPrinted'), { time: stamp(data.generatedAt) });
    renderSheet();
  }
  function stamp(iso) {
    var d = new Date(iso);
    return two(d.getDate()) + '.' + two(d.getMonth() + 1) + '.' + d.getFullYear() + ' ' + two(d.getHours()) + ':' + two(d.getMinutes());
  }
  var MARK = { passed: '✔', mistake: '✘', 'in-progress': '…', none: '' };
  // The sheet: every trainee with the precincts trained at and each scenario's verdict (its last
  // attempt, how many attempts), the mistakes caught, the date and the trainer's signature line.
  function renderSheet() {
    $('sheetmeta').textContent = fill(t('sheet.meta'), { time: stamp(data.generatedAt), code: data.code, n: data.trainees.length });
    var played = SCENARIOS.filter(function (id) { return data.trainees.some(function (tr) { return tr.history.some(function (h) { return h.scenarioId === id; }); }); });
    var head = $('sgridhead');
    clear(head);
    var hr = el('tr');
    [t('sheet.colNo'), t('sheet.colTrainee'), t('sheet.colPrecinct')].forEach(function (x) { hr.appendChild(el('th', null, x)); });
    played.forEach(function (id) {
      var th = el('th', null, String(SCENARIOS.indexOf(id) + 1));
      th.title = scenarioTitle(id);
      th.setAttribute('data-scenario', id);
      hr.appendChild(th);
    });
    head.appendChild(hr);
    var grid = $('sgrid');
    clear(grid);
    var mrows = $('smrows');
    clear(mrows);
    var anyMistake = false;
    data.trainees.forEach(function (tr, i) {
      var row = el('tr');
      row.setAttribute('data-device', tr.deviceId);
      row.appendChild(el('td', null, String(i + 1)));
      row.appendChild(el('td', 'strong', name(tr)));
      var precincts = [];
      tr.history.forEach(function (h) { if (h.precinct !== undefined && precincts.indexOf(h.precinct) < 0) precincts.push(h.precinct); });
      if (!precincts.length && tr.scenario) precincts.push(tr.scenario.precinct);
      row.appendChild(el('td', null, precincts.length ? precincts.join(', ') : t('sheet.notPlayed')));
      played.forEach(function (id) {
        var tries = tr.history.filter(function (h) { return h.scenarioId === id; });
        var cell = el('td', 'cell');
        cell.setAttribute('data-scenario', id);
        if (!tries.length) cell.textContent = t('sheet.notPlayed');
        else {
          var last = tries[tries.length - 1];
          cell.setAttribute('data-verdict', last.verdict);
          cell.textContent = (MARK[last.verdict] ? MARK[last.verdict] + ' ' : '') + t('verdict.' + last.verdict) + (tries.length > 1 ? ' ' + fill(t('sheet.attempts'), { n: tries.length }) : '');
        }
        row.appendChild(cell);
      });
      grid.appendChild(row);
      tr.history.forEach(function (h) {
        h.mistakes.forEach(function (x) {
          anyMistake = true;
          var m = el('tr');
          m.setAttribute('data-device', tr.deviceId);
          m.appendChild(el('td', null, name(tr)));
          m.appendChild(el('td', null, (SCENARIOS.indexOf(h.scenarioId) + 1) + '. ' + scenarioTitle(h.scenarioId)));
          m.appendChild(el('td', null, stepTitle(h.scenarioId, x.step)));
          var w = el('td');
          w.appendChild(why(x));
          m.appendChild(w);
          mrows.appendChild(m);
        });
      });
    });
    var legend = $('slegend');
    legend.textContent = played.length ? t('sheet.legend') + ' ' + played.map(function (id) { return (SCENARIOS.indexOf(id) + 1) + ' — ' + scenarioTitle(id); }).join('; ') : t('summaryNone');
    $('smnone').classList.toggle('hidden', anyMistake);
    $('smtable').classList.toggle('hidden', !anyMistake);
  }
  function command(body) {
    request('POST', '/api/admin/training/command', body).then(load, function (e) { say(e && e.shown ? e.shown : String(e), true); });
  }
  $('login').addEventListener('submit', function (e) {
    e.preventDefault();
    setToken($('token').value.trim());
    $('token').value = '';
    load();
  });
  $('signout').addEventListener('click', function () { setToken(null); data = null; signedIn(false); });
  $('start').addEventListener('click', function () { command({ action: 'start', scenarioId: $('scenario').value }); });
  $('reset').addEventListener('click', function () { command({ action: 'reset' }); });
  $('newcode').addEventListener('click', function () {
    request('POST', '/api/admin/training/code', {}).then(load, function (e) { say(e && e.shown ? e.shown : String(e), true); });
  });
  // The sheet in a tab of its own (it keeps this tab's token: sessionStorage is copied to it).
  $('print').addEventListener('click', function () { window.open('/trainer/print', '_blank'); });
  $('sheetprint').addEventListener('click', function () { window.print(); });
  onLanguageButtons(render);
  staticTexts();
  load();
  poll();
})();
`;

export const TRAINER_CSP = inlinePageCsp(SCRIPT, STYLE);

export function trainerPageHtml(): string {
  const t = (key: string): string => TRAINER_STRINGS.ky[`trainer:${key}`] ?? key;
  const words = { title: t('title'), language: t('language'), signOut: t('signOut'), tokenLabel: t('tokenLabel'), signIn: t('signIn') };
  return `${pageHead(words, STYLE)}
<header>
  <h1 data-i18n="title">${t('title')}</h1>
  ${headerActions(words)}
</header>
${signInForm(words)}
<main id="board" class="hidden">
  <section id="room">
    <h2 data-i18n="codeTitle">${t('codeTitle')}</h2>
    <div class="actions"><span id="code" class="code"></span><button type="button" id="newcode" data-i18n="newCode">${t('newCode')}</button></div>
    <p id="codehint" class="muted"></p>
    <h2 data-i18n="commandTitle">${t('commandTitle')}</h2>
    <div class="actions">
      <label for="scenario" data-i18n="scenarioLabel">${t('scenarioLabel')}</label>
      <select id="scenario"></select>
      <button type="button" id="start" class="primary" data-i18n="startAll">${t('startAll')}</button>
      <button type="button" id="reset" data-i18n="resetAll">${t('resetAll')}</button>
    </div>
    <p id="sent" class="muted" role="status"></p>
  </section>
  <section id="trainees">
    <h2 data-i18n="traineesTitle">${t('traineesTitle')}</h2>
    <p id="count" class="muted"></p>
    <table>
      <thead><tr><th data-i18n="colLaptop">${t('colLaptop')}</th><th data-i18n="colScenario">${t('colScenario')}</th><th data-i18n="colSteps">${t('colSteps')}</th><th data-i18n="colVerdict">${t('colVerdict')}</th><th data-i18n="colLast">${t('colLast')}</th></tr></thead>
      <tbody id="rows"></tbody>
    </table>
  </section>
  <section id="summary">
    <h2 data-i18n="summaryTitle">${t('summaryTitle')}</h2>
    <p class="muted" data-i18n="summaryHint">${t('summaryHint')}</p>
    <p id="printed" class="muted"></p>
    <div class="actions"><button type="button" id="print" data-i18n="summaryPrint">${t('summaryPrint')}</button></div>
    <p id="snone" class="muted" data-i18n="summaryNone">${t('summaryNone')}</p>
    <table>
      <thead><tr><th data-i18n="colLaptop">${t('colLaptop')}</th><th data-i18n="colPlayed">${t('colPlayed')}</th><th data-i18n="colMistakes">${t('colMistakes')}</th></tr></thead>
      <tbody id="srows"></tbody>
    </table>
  </section>
</main>
<div id="sheettools" class="sheet-tools actions hidden">
  <button type="button" id="sheetprint" class="primary" data-i18n="sheet.print">${t('sheet.print')}</button>
  <a href="/trainer" data-i18n="sheet.back">${t('sheet.back')}</a>
</div>
<section id="sheet" class="hidden">
  <p class="stamp" data-i18n="sheet.notOfficial">${t('sheet.notOfficial')}</p>
  <h1 data-i18n="sheet.title">${t('sheet.title')}</h1>
  <p id="sheetmeta" class="meta"></p>
  <table><thead id="sgridhead"></thead><tbody id="sgrid"></tbody></table>
  <p id="slegend" class="legend"></p>
  <h2 data-i18n="colMistakes">${t('colMistakes')}</h2>
  <p id="smnone" data-i18n="noMistakes">${t('noMistakes')}</p>
  <table id="smtable">
    <thead><tr><th data-i18n="sheet.colTrainee">${t('sheet.colTrainee')}</th><th data-i18n="colScenario">${t('colScenario')}</th><th data-i18n="sheet.colStep">${t('sheet.colStep')}</th><th data-i18n="sheet.colWhy">${t('sheet.colWhy')}</th></tr></thead>
    <tbody id="smrows"></tbody>
  </table>
  <div class="signs">
    <span class="who" data-i18n="sheet.trainer">${t('sheet.trainer')}</span>
    <span class="sig"><span class="blank"></span><small data-i18n="sheet.nameHint">${t('sheet.nameHint')}</small></span>
    <span class="sig"><span class="blank"></span><small data-i18n="sheet.signature">${t('sheet.signature')}</small></span>
    <span class="sig"><span class="blank"></span><small data-i18n="sheet.date">${t('sheet.date')}</small></span>
  </div>
</section>
<script type="application/json" id="i18n">${scriptJson(TRAINER_STRINGS)}</script>
<script type="application/json" id="scenarios">${scriptJson(SCENARIOS.map((s) => s.id))}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
