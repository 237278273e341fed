/**
 * The operator's console: load and activate a bundle (its difference from the active one first),
 * one-time codes on printable slips, revoking a laptop, the signing key and its rotation, the audit
 * log; and the imports: a USB file of events, a protocol from its QR codes (text or photos).
 */
import type { AuditEntry, BundleDiff, KeyList } from '../../shared/sync/admin-console';
import type { DashboardDevice } from '../../shared/sync/dashboard';
import { call, refusalText, type Refusal } from './api';
import { byId, clear, el, result, say } from './dom';
import { day, num, when } from './figures';
import { errorText, t, type CenterKey } from './i18n';
import { qrProblem } from './qr-problem';
import type { PageState } from './state';

interface Slip {
  precinct: number;
  name: string;
  code: string;
  expiresAt: string;
}

const ACTION_KEY: Record<string, CenterKey> = {
  '/api/admin/bundles': 'actBundle',
  '/api/admin/enrolment-codes': 'actCode',
  '/api/admin/devices/:deviceId/revoke': 'actRevoke',
  '/api/admin/devices/:deviceId/rekey': 'actRekey',
  '/api/admin/import-batch': 'actUsb',
  '/api/admin/protocol-qr': 'actQr',
  '/api/admin/protocol-qr-image': 'actQrImage',
  '/api/admin/rebuild-aggregates': 'actRebuild',
  '/api/admin/keys/rotate': 'actKeyRotate',
  'cli key rotate': 'actKeyRotate',
};

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** A USB import refused: the code in words, "batch i of n" translated. */
function usbRefusal(r: Refusal): string {
  if (r.code === 'network') return t('errNetwork');
  // The file's own header naming another election or precinct than the laptop's signed events: said as such.
  if (r.detail === 'header' && r.code === 'wrong-election') return `${t('usbRefused')} ${t('usbHeaderElection')}`;
  if (r.detail === 'header' && r.code === 'wrong-precinct') return `${t('usbRefused')} ${t('usbHeaderPrecinct')}`;
  const where = r.detail ? /^batch (\d+) of (\d+)(?:: (.*))?$/u.exec(r.detail) : null;
  const detail = where ? t('usbBatch', { i: num(Number(where[1])), n: num(Number(where[2])) }) + (where[3] ? `: ${where[3]}` : '') : (r.detail ?? '');
  return `${t('usbRefused')} ${errorText(r.code)}${detail ? ` (${detail})` : ''}`;
}

export interface Operator {
  /** Asks for what the console shows besides the dashboard: the demo bundle, the audit log, the keys. */
  loadExtras(): void;
  render(): void;
  revoke(d: DashboardDevice): void;
}

export function setupOperator(page: PageState): Operator {
  let offered: { json: unknown; diff: BundleDiff } | null = null;
  let demo: unknown = null;
  let keys: KeyList | null = null;
  let auditEntries: AuditEntry[] = [];
  const slips: Slip[] = [];

  // ——— the bundle ———
  function renderDiff(): void {
    if (!offered) return;
    const d = offered.diff;
    const dl = byId('bundlechanges');
    byId('bundlediff').classList.remove('hidden');
    const state =
      d.active === null ? t('bundleFirst') : d.unchanged ? t('bundleUnchanged') : d.versionTooLow ? t('bundleTooLow', { v: d.active.bundleVersion }) : t('bundleActive', { id: d.electionId, v: d.active.bundleVersion });
    byId('bundleoffered').textContent = `${t('bundleOffered', { id: d.electionId, v: d.bundleVersion, n: num(d.precincts) })} — ${state}`;
    clear(dl);
    const row = (key: CenterKey, value: string): void => {
      dl.append(el('dt', null, t(key)), el('dd', null, value));
    };
    const list = (numbers: number[]): string => (numbers.length > 12 ? `${numbers.slice(0, 12).join(', ')} … (${num(numbers.length)})` : numbers.join(', '));
    if (d.active !== null) {
      if (d.added.length) row('bundleAdded', list(d.added));
      if (d.removed.length) row('bundleRemoved', list(d.removed));
      if (d.changed.length) row('bundleChanged', list(d.changed));
      if (d.votingDay.from !== d.votingDay.to) row('bundleDay', `${day(d.votingDay.from)} → ${day(d.votingDay.to)}`);
      if (d.candidates.from !== d.candidates.to) row('bundleCandidates', `${num(d.candidates.from)} → ${num(d.candidates.to)}`);
      if (d.reportTimes.from && d.reportTimes.from.join(' ') !== d.reportTimes.to.join(' ')) row('bundleReports', `${d.reportTimes.from.join(', ')} → ${d.reportTimes.to.join(', ')}`);
    } else {
      row('bundleDay', day(d.votingDay.to));
      row('bundleCandidates', num(d.candidates.to));
    }
    byId<HTMLButtonElement>('bundleactivate').disabled = d.unchanged || d.versionTooLow;
  }

  async function checkBundle(json: unknown): Promise<void> {
    offered = null;
    byId('bundlediff').classList.add('hidden');
    const r = await call<BundleDiff>('POST', '/api/admin/bundles/preview', json);
    if (!r.ok) {
      result('bundleresult', `${t('bundleRefused')} ${refusalText(r.error)}`, false);
      return;
    }
    offered = { json, diff: r.value.body };
    result('bundleresult', '');
    renderDiff();
  }

  byId('bundleform').addEventListener('submit', (event) => {
    event.preventDefault();
    const file = byId<HTMLInputElement>('bundlefile').files?.[0];
    if (!file) return;
    void file.text().then((text) => {
      let json: unknown;
      try {
        json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      } catch {
        result('bundleresult', `${t('bundleRefused')} ${t('bundleNotJson')}`, false);
        return;
      }
      return checkBundle(json);
    });
  });
  byId('bundledemo').addEventListener('click', () => {
    if (demo !== null) void checkBundle(demo);
  });
  byId('bundleactivate').addEventListener('click', () => {
    if (!offered) return;
    const d = offered.diff;
    void call<{ electionId: string; bundleVersion: number }>('POST', '/api/admin/bundles', offered.json).then((r) => {
      if (!r.ok) {
        result('bundleresult', `${t('bundleRefused')} ${refusalText(r.error)}`, false);
        return;
      }
      offered = null;
      byId('bundlediff').classList.add('hidden');
      result('bundleresult', t('bundleDone', { id: r.value.body.electionId, v: r.value.body.bundleVersion }), true);
      page.election ??= d.electionId;
      void page.load();
    });
  });

  // ——— one-time codes on slips ———
  function renderSlips(): void {
    const box = byId('slips');
    clear(box);
    byId('codeprint').classList.toggle('hidden', slips.length === 0);
    for (const s of slips) {
      const slip = el('div', 'slip');
      slip.append(el('strong', null, t('slipTitle')));
      slip.append(el('div', null, `${t('codesPrecinct')} ${s.precinct}${s.name ? ` — ${s.name}` : ''}`));
      slip.append(el('div', null, `${t('slipCenter')}: ${location.origin}`));
      const c = el('div', null, `${t('slipCode')}: `);
      c.append(el('span', 'code', s.code));
      slip.append(c, el('div', 'muted', `${t('slipExpires')}: ${when(s.expiresAt)}`));
      box.append(slip);
    }
  }
  byId('codeform').addEventListener('submit', (event) => {
    event.preventDefault();
    const precinct = Number(byId<HTMLSelectElement>('codeprecinct').value);
    if (!precinct) return;
    const payload: { precinct: number; electionId?: string } = { precinct };
    if (page.data?.electionId) payload.electionId = page.data.electionId;
    void call<{ precinct: number; code: string; expiresAt: string }>('POST', '/api/admin/enrolment-codes', payload).then((r) => {
      if (!r.ok) {
        result('coderesult', `${t('codesRefused')} ${refusalText(r.error)}`, false);
        return;
      }
      const issued = r.value.body;
      const p = page.data?.precincts.find((x) => x.number === issued.precinct);
      slips.unshift({ precinct: issued.precinct, name: p ? p.name : '', code: issued.code, expiresAt: issued.expiresAt });
      result('coderesult', '');
      renderSlips();
      loadAudit();
    });
  });
  byId('codeprint').addEventListener('click', () => window.print());

  // ——— revoking a laptop (confirmed) ———
  function revoke(d: DashboardDevice): void {
    const name = d.label ?? d.deviceId;
    if (!window.confirm(t('revokeConfirm', { d: name }))) return;
    void call('POST', `/api/admin/devices/${encodeURIComponent(d.deviceId)}/revoke`, {}).then(async (r) => {
      if (!r.ok) {
        say(refusalText(r.error), true);
        return;
      }
      await page.load();
      say(t('revokeDone', { d: name }));
    });
  }

  // ——— the signing key ———
  function renderKeys(): void {
    byId('keyactive').textContent = keys ? t('keyActive', { id: keys.activeKeyId.slice(0, 16), n: keys.chain.length }) : '';
  }
  function loadKeys(): void {
    void call<KeyList>('GET', '/api/admin/keys').then((r) => {
      if (!r.ok) return; // the next load asks again
      keys = r.value.body;
      renderKeys();
    });
  }
  byId('keyrotate').addEventListener('click', () => {
    if (!window.confirm(t('keyRotateConfirm'))) return;
    void call<{ toKeyId: string }>('POST', '/api/admin/keys/rotate', {}).then((r) => {
      if (!r.ok) {
        result('keyresult', `${t('keyRotateRefused')} ${refusalText(r.error)}`, false);
      } else {
        result('keyresult', t('keyRotateDone', { id: r.value.body.toKeyId.slice(0, 16) }), true);
        loadKeys();
      }
      loadAudit();
    });
  });

  // ——— the audit log ———
  function renderAudit(): void {
    const rows = byId('auditrows');
    clear(rows);
    byId('audittable').className = auditEntries.length ? '' : 'hidden';
    byId('auditnone').className = auditEntries.length ? 'hidden' : 'muted';
    for (const e of auditEntries) {
      const tr = el('tr', e.outcome === 'ok' ? null : 'open');
      const action = ACTION_KEY[e.action];
      tr.append(el('td', null, when(e.at)), el('td', null, action ? t(action) : e.action), el('td', null, e.target ?? ''));
      tr.append(el('td', e.outcome === 'ok' ? null : 'err', e.outcome === 'ok' ? t('auditOk') : errorText(e.outcome)));
      rows.append(tr);
    }
  }
  function loadAudit(): void {
    void call<{ entries: AuditEntry[] }>('GET', '/api/admin/audit?limit=50').then((r) => {
      if (!r.ok) return; // the next load asks again
      auditEntries = r.value.body.entries;
      renderAudit();
    });
  }

  function loadDemo(): void {
    if (demo !== null) return;
    void call<unknown>('GET', '/api/admin/demo-bundle').then((r) => {
      // 204: this center offers no demo election.
      if (r.ok && r.value.status === 200 && r.value.body) {
        demo = r.value.body;
        byId('bundledemo').classList.remove('hidden');
      }
    });
  }

  // ——— a protocol from its QR codes (the scanner's text or photos) ———
  async function postQr(url: string, payload: unknown): Promise<void> {
    const out = byId('qrresult');
    out.textContent = t('qrReading');
    out.className = '';
    const r = await call<{ stored: boolean; precinct: number; version: number }>('POST', url, payload);
    if (!r.ok) {
      result('qrresult', `${t('qrRefused')} ${qrProblem(r.error)}`, false);
      return;
    }
    const b = r.value.body;
    result('qrresult', t(b.stored ? 'qrDone' : 'qrAgain', { p: String(b.precinct), v: String(b.version) }), true);
    if (b.stored) void page.load();
  }
  byId('qr').addEventListener('submit', (event) => {
    event.preventDefault();
    void postQr('/api/admin/protocol-qr', { text: byId<HTMLTextAreaElement>('qrtext').value });
  });
  byId('qrimg').addEventListener('submit', (event) => {
    event.preventDefault();
    const files = [...(byId<HTMLInputElement>('qrfiles').files ?? [])];
    if (files.length === 0) return;
    void Promise.all(files.map(base64Of)).then((images) => postQr('/api/admin/protocol-qr-image', { images }));
  });

  // ——— events from a USB stick ———
  byId('usb').addEventListener('submit', (event) => {
    event.preventDefault();
    const file = byId<HTMLInputElement>('usbfile').files?.[0];
    if (!file) return;
    void file.text().then(async (text) => {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        result('usbresult', `${t('usbRefused')} ${t('usbNotJson')}`, false);
        return;
      }
      const r = await call<{ batches?: number; stored: number }>('POST', '/api/admin/import-batch', body);
      if (!r.ok) {
        result('usbresult', usbRefusal(r.error), false);
        return;
      }
      result('usbresult', t('usbDone', { batches: num(r.value.body.batches ?? 1), stored: num(r.value.body.stored) }), true);
      void page.load();
    });
  });

  return {
    loadExtras(): void {
      loadDemo();
      loadAudit();
      loadKeys();
    },
    render(): void {
      const data = page.data;
      if (data) {
        const select = byId<HTMLSelectElement>('codeprecinct');
        const chosen = select.value;
        clear(select);
        for (const p of data.precincts) {
          const o = el('option', null, `${p.number} — ${p.name}`);
          o.value = String(p.number);
          select.append(o);
        }
        if (chosen) select.value = chosen;
      }
      byId('bundleactive').textContent = data?.electionName ? t('bundleActive', { id: data.electionId, v: data.bundleVersion ?? '' }) : t('bundleNone');
      renderDiff();
      renderSlips();
      renderAudit();
      renderKeys();
    },
    revoke,
  };
}
