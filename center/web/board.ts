/** The dashboard's figures: the totals, the summary table, the protocols' table and the incidents. */
import type { Dashboard, DashboardDevice, DashboardPrecinct } from '../../shared/sync/dashboard';
import { byId, clear, el } from './dom';
import { day, mismatchText, num, pageSumsApartText, SOURCE_KEY, splitText, STATUS_KEY, statusOf, turnoutText, when } from './figures';
import { language, t, type CenterKey } from './i18n';

/** The header's election name and "voting day · updated". */
export function renderHeader(data: Dashboard): void {
  const lng = language();
  byId('election').textContent = data.electionName ? (data.electionName[lng] ?? data.electionName.ky) : data.electionId;
  byId('meta').textContent = `${data.votingDay ? `${t('votingDay')} ${day(data.votingDay)} · ` : ''}${t('updatedAt')} ${when(data.generatedAt)}`;
}

const TOTALS: readonly (keyof Dashboard['totals'] & CenterKey)[] = [
  'precincts', 'precinctsSynced', 'devices', 'events', 'ballotsIssued', 'ballotsRoom', 'ballotsOutside', 'protocols', 'protocolMismatches', 'incidents',
];

export function renderTotals(data: Dashboard): void {
  const s = data.totals;
  const dl = byId('totals');
  clear(dl);
  for (const key of TOTALS) {
    const value = s[key];
    if (key === 'protocolMismatches' && !value) continue;
    const box = el('div', key === 'protocolMismatches' ? 'alert' : null);
    box.append(el('dt', null, t(key)), el('dd', null, num(typeof value === 'number' ? value : null)));
    dl.append(box);
  }
  for (const point of s.turnout) {
    const box = el('div');
    box.append(el('dt', null, `${t('colTurnout')} ${point.time}`), el('dd', null, turnoutText(point)), el('div', 'split', splitText(point)));
    dl.append(box);
  }
}

/** Where the protocol came from (sync, QR codes, both) and when; how the two differ, in full view. */
function protocolCell(p: DashboardPrecinct): HTMLTableCellElement {
  const td = el('td', 'proto');
  if (!p.protocolSource) {
    td.append(el('span', 'muted', t('protocolNone')));
    return td;
  }
  td.append(el('span', `src src-${p.protocolSource}`, t(SOURCE_KEY[p.protocolSource])));
  if (p.protocol) td.append(el('div', 'muted', `${t('srcSync')}: ${when(p.protocol.receivedAt)}`));
  if (p.protocolQr) td.append(el('div', 'muted', `${t('srcQr')} v${p.protocolQr.version}: ${when(p.protocolQr.receivedAt)}`));
  if (p.protocolMismatch) td.append(el('div', p.protocolMismatch.kind === 'conflict' ? 'mismatch conflict' : 'mismatch', mismatchText(p.protocolMismatch)));
  return td;
}

function devicesCell(p: DashboardPrecinct, revoke: (d: DashboardDevice) => void): HTMLTableCellElement {
  const td = el('td');
  if (p.devices.length === 0) {
    td.append(el('span', 'muted', t('noDevices')));
    return td;
  }
  const ul = el('ul', 'devices');
  for (const d of p.devices) {
    const li = el('li', d.revoked ? 'revoked' : null, `${d.label ?? d.deviceId}${d.revoked ? ` (${t('revoked')})` : ''}`);
    li.title = d.deviceId + (d.lastPushAt ? ` · ${t('lastPush')} ${when(d.lastPushAt)}` : '');
    if (!d.revoked) {
      const b = el('button', null, t('revoke'));
      b.type = 'button';
      b.setAttribute('data-device', d.deviceId);
      b.addEventListener('click', () => revoke(d));
      li.append(b);
    }
    ul.append(li);
  }
  td.append(ul);
  return td;
}

const SUMMARY_COLUMNS: readonly CenterKey[] = ['colStatus', 'colNumber', 'colName', 'colTec', 'colDevices', 'colLastSync', 'colEvents', 'colBallotsRoom', 'colBallotsOutside', 'colBallots'];

/** The summary table: one row a precinct (its laptops with "revoke"), a totals row. */
export function renderSummary(data: Dashboard, revoke: (d: DashboardDevice) => void): void {
  const head = byId('head');
  clear(head);
  const hr = el('tr');
  for (const k of SUMMARY_COLUMNS) hr.append(el('th', null, t(k)));
  for (const time of data.reportTimes) hr.append(el('th', null, `${t('colTurnout')} ${time}`));
  hr.append(el('th', null, t('colProtocol')), el('th', null, t('colIncidents')));
  head.append(hr);

  const rows = byId('rows');
  clear(rows);
  const fragment = document.createDocumentFragment();
  for (const p of data.precincts) {
    const tr = el('tr');
    const st = statusOf(p, data);
    const status = el('td');
    status.append(el('span', `status st-${st}`, t(STATUS_KEY[st])));
    tr.append(status, el('td', 'num', p.number), el('td', null, p.name), el('td', null, p.territorialCommission), devicesCell(p, revoke));
    const room = el('td', 'num', num(p.ballotsRoom));
    // Page sums two laptops entered apart: said under the room's figure, which takes the later one.
    const apart = pageSumsApartText(p);
    if (apart) room.append(el('div', 'mismatch page-sums-apart', apart));
    tr.append(el('td', null, when(p.lastSyncAt)), el('td', 'num', num(p.events)), room, el('td', 'num', num(p.ballotsOutside)), el('td', 'num strong', num(p.ballotsIssued)));
    data.reportTimes.forEach((_time, i) => {
      const point = p.turnout[i];
      const td = el('td', point && !point.reached ? 'num muted' : 'num', point && point.reached ? turnoutText(point) : t('notReached'));
      if (point && point.reached) td.title = splitText(point);
      tr.append(td);
    });
    tr.append(protocolCell(p), el('td', 'num', num(p.incidents)));
    fragment.append(tr);
  }
  rows.append(fragment);

  const s = data.totals;
  const foot = byId('foot');
  clear(foot);
  const fr = el('tr');
  fr.append(el('td', null, t('totals')), el('td', 'num', num(s.precincts)), el('td'), el('td'), el('td', 'num', num(s.devices)), el('td'));
  fr.append(el('td', 'num', num(s.events)), el('td', 'num', num(s.ballotsRoom)), el('td', 'num', num(s.ballotsOutside)), el('td', 'num', num(s.ballotsIssued)));
  for (const point of s.turnout) fr.append(el('td', 'num', turnoutText(point)));
  fr.append(el('td', 'num', num(s.protocols)), el('td', 'num', num(s.incidents)));
  foot.append(fr);
}

const PROTOCOL_STATUS: Record<NonNullable<Dashboard['protocols']>['rows'][number]['status'], CenterKey> = { none: 'protoNone', signed: 'protoSigned', superseding: 'protoSuperseding' };

/** The protocols' summary table: a row a precinct with every line of the form, a totals row. */
export function renderProtocols(data: Dashboard): void {
  const p = data.protocols;
  const head = byId('phead');
  const rows = byId('prows');
  const foot = byId('pfoot');
  clear(head);
  clear(rows);
  clear(foot);
  if (!p) {
    byId('pcount').textContent = '';
    return;
  }
  byId('pcount').textContent =
    t('protoCount', { n: num(p.withProtocol), total: num(p.rows.length), errors: num(p.withErrors) }) + (p.withMismatch > 0 ? ` ${t('protoMismatchCount', { n: num(p.withMismatch) })}` : '');
  const lng = language();
  const hr = el('tr');
  for (const x of [t('colNumber'), t('colName'), t('protoStatus'), t('colSource')]) hr.append(el('th', null, x));
  for (const l of p.lines) {
    const th = el('th', 'num', l.number);
    th.title = l.label[lng];
    hr.append(th);
  }
  hr.append(el('th', null, t('protoErrors')), el('th', null, t('colMismatch')));
  head.append(hr);
  const fragment = document.createDocumentFragment();
  for (const r of p.rows) {
    const tr = el('tr', r.mismatch ? (r.mismatch.kind === 'conflict' ? 'conflict' : 'differs') : null);
    // A protocol signed on another form than the one summed: its figures are shown, said not to be in the totals.
    tr.append(el('td', 'num', r.precinct), el('td', null, r.name), el('td', r.otherForm ? 'err' : null, t(r.otherForm ? 'protoOtherForm' : PROTOCOL_STATUS[r.status]) + (r.version ? ` · v${r.version}` : '')));
    const src = el('td');
    if (r.source) src.append(el('span', `src src-${r.source}`, t(SOURCE_KEY[r.source])));
    tr.append(src);
    for (const v of r.values) tr.append(el('td', 'num', num(v)));
    tr.append(el('td', r.errors.length ? 'err' : null, r.errors.join(', ')), el('td', r.mismatch ? 'mismatch' : null, r.mismatch ? mismatchText(r.mismatch) : ''));
    fragment.append(tr);
  }
  rows.append(fragment);
  const fr = el('tr');
  fr.append(el('td', null, t('totals')), el('td', null, `${num(p.withProtocol)} / ${num(p.rows.length)}`), el('td'), el('td'));
  for (const v of p.totals) fr.append(el('td', 'num', num(v)));
  fr.append(el('td'), el('td', 'num', p.withMismatch > 0 ? num(p.withMismatch) : ''));
  foot.append(fr);
}

const KIND_KEY: Record<string, CenterKey> = {
  'double-issue': 'kindDoubleIssue',
  'outside-and-room': 'kindOutsideAndRoom',
  'push:bad-signature': 'kindBadSignature',
  'push:device-revoked': 'kindRevoked',
  'push:seq-replayed-different': 'kindReplayed',
  'push:wrong-precinct': 'kindWrongPrecinct',
  'push:wrong-election': 'kindWrongElection',
  'push:newer-event': 'kindNewerEvent',
  'entered-after-deadline': 'kindEnteredLate',
  'usb:bad-signature': 'kindUsbTampered',
  'usb:wrong-election': 'kindUsbWrongElection',
  'usb:wrong-precinct': 'kindUsbWrongPrecinct',
  'usb:seq-replayed-different': 'kindUsbReplayed',
  'clock-far-from-voting-day': 'kindClockFar',
};

export function renderIncidents(data: Dashboard): void {
  const list = data.incidents;
  const rows = byId('irows');
  clear(rows);
  byId('icount').textContent = list.length === 0 ? t('incNone') : t('incOpenCount', { open: num(data.totals.incidents), resolved: num(data.totals.incidentsResolved) });
  byId('itable').className = list.length === 0 ? 'hidden' : '';
  const labels = new Map<string, string>();
  for (const p of data.precincts) for (const d of p.devices) labels.set(d.deviceId, d.label ?? d.deviceId);
  const device = (id: string): string => labels.get(id) ?? id;
  for (const i of list) {
    const tr = el('tr', i.resolution ? null : 'open');
    const kind = KIND_KEY[i.kind];
    tr.append(el('td', null, when(i.at)), el('td', 'num', i.precinct === null ? '' : i.precinct), el('td', null, kind ? t(kind) : i.kind));
    const who: string[] = [];
    if (i.voterId) who.push(`${t('incVoter')} ${i.voterId}`);
    if (i.devices.length > 0) who.push(i.devices.map(device).sort().join(', '));
    else if (i.deviceId) who.push(device(i.deviceId));
    tr.append(el('td', null, who.join(' · ')));
    const state = el('td');
    if (i.resolution) {
      state.append(el('strong', null, `${t('incResolvedBy')} ${when(i.resolution.at)}${i.resolution.by ? ` (${device(i.resolution.by)})` : ''}: `));
      state.append(document.createTextNode(i.resolution.text));
    } else state.append(el('span', 'status st-never', t('incOpen')));
    tr.append(state);
    rows.append(tr);
  }
}
