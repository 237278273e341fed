/** The admin CLI on a real PostgreSQL, and what the server's log does not contain. */
import { execFile } from 'node:child_process';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Center } from '../../../center/src/center';
import { openCenter } from '../../../center/src/open-center';
import { pngOf, qrPage } from '../../support/qr-page';
import { adminHeaders, ADMIN_TOKEN, builtCli, cliEnv, freshPgDatabase, protocolQrText, PG_AVAILABLE, pgliteBackend, server, testBundle, TestDevice } from './harness';

const run = promisify(execFile);
const root = join(__dirname, '../../..');

describe.runIf(PG_AVAILABLE)('center CLI', () => {
  it('migrates, loads a bundle, issues a code, lists precincts, revokes — straight on the database', async () => {
    const fresh = await freshPgDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'pd-cli-'));
    try {
      const file = join(dir, 'bundle.json');
      await writeFile(file, JSON.stringify(await testBundle()));
      // The CLI compiled once (a plain node start a command, not a TypeScript loader each time).
      const compiled = await builtCli();
      const env = cliEnv({ DATABASE_URL: fresh.url });
      const cli = async (...args: string[]) => (await run(process.execPath, [compiled.path, ...args], { cwd: root, env })).stdout;
      expect(await cli('migrate')).toContain('migrated (pg)');
      expect(JSON.parse(await cli('load-bundle', file))).toMatchObject({ electionId: 'demo-kg-president-2017', precincts: 37 });
      const code = JSON.parse(await cli('issue-code', '--precinct', '9019', '--ttl-hours', '2')) as { code: string };
      expect(code.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/u);
      const precincts = JSON.parse(await cli('precincts')) as { number: number }[];
      expect(precincts).toHaveLength(37);
      await expect(cli('revoke', 'no-such-device')).rejects.toThrow(/not-found/u);
      // A laptop enrols with the code; its protocol's printed page, scanned, is recorded from the file.
      const laptop = await TestDevice.create(9019);
      const direct = await openCenter({ databaseUrl: fresh.url });
      try {
        await direct.enrol(await laptop.enrolRequest(code.code));
      } finally {
        await direct.db.close();
      }
      const scan = join(dir, 'page.png');
      await writeFile(scan, pngOf(qrPage((await protocolQrText(laptop.keys.privateKey, 9019, 1, 250)).split('\n'), 2)));
      const blank = join(dir, 'blank.png');
      await writeFile(blank, pngOf(qrPage([], 1)));
      expect(JSON.parse(await cli('protocol-qr', blank, scan))).toMatchObject({ stored: true, precinct: 9019, deviceId: laptop.deviceId });
      await expect(cli('protocol-qr', blank)).rejects.toThrow(/qr-invalid \(no-code-found\)/u);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await fresh.drop();
      await (await builtCli()).remove();
    }
  }, 120_000);
});

describe('center log', () => {
  let center: Center;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ center, cleanup } = await pgliteBackend.open());
    await center.loadBundle(await testBundle());
  });
  afterAll(async () => cleanup());

  it('holds neither the admin token, nor codes, device signatures, addresses or payloads', async () => {
    const lines: string[] = [];
    const app = server(center, { logger: { level: 'debug', stream: { write: (line: string) => void lines.push(line) } } });
    const res = await app.inject({ method: 'POST', url: '/api/admin/enrolment-codes', headers: adminHeaders, payload: { precinct: 9019 } });
    const { code } = res.json() as { code: string };
    const device = await TestDevice.create(9019);
    await app.inject({ method: 'POST', url: '/api/enrol', payload: await device.enrolRequest(code) });
    await device.append('CalendarItemMarked', { item: 3, done: true, note: 'Асанова Айгүл secret note' });
    const batch = await device.batch(1, 1);
    await app.inject({ method: 'POST', url: '/api/push', payload: batch });
    const auth = await device.authHeader('/api/pull?after=0');
    await app.inject({ method: 'GET', url: '/api/pull?after=0', headers: auth });
    await app.close();
    const log = lines.join('');
    expect(log).toContain('/api/push');
    for (const secret of [ADMIN_TOKEN, code, batch.signature, auth['x-device-auth'] ?? '', 'Айгүл', '127.0.0.1']) expect(log).not.toContain(secret);
  });
});
