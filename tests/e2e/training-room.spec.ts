import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { CENTER_ADMIN_TOKEN, CENTER_PORT } from '../../playwright.config';
import { dumpDatabase, startDemo } from './helpers';
import { pdfInfo, pdfText } from './pdf';

/** The trainer's center: a center in training mode of its own (the suite's center is a production one). */
const TRAINING_PORT = CENTER_PORT + 1;
const TRAINING_CENTER = `http://127.0.0.1:${TRAINING_PORT}`;
const TOKEN = 'trainer-e2e-token';
const PRODUCTION = `http://127.0.0.1:${CENTER_PORT}`;

let center: ChildProcess | null = null;

test.beforeAll(async () => {
  center = spawn('node_modules/.bin/tsx', ['center/src/cli.ts', 'serve', '--training', '--port', String(TRAINING_PORT), '--data-dir', ':memory:', '--admin-token', TOKEN], {
    env: { ...process.env, CENTER_LOG_LEVEL: 'warn', CENTER_SUPERVISE: '0' },
    stdio: 'ignore',
    detached: true,
  });
  for (let i = 0; i < 120; i += 1) {
    try {
      if ((await fetch(`${TRAINING_CENTER}/api/health`)).ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the training center did not start');
});

test.afterAll(() => {
  if (center?.pid) process.kill(-center.pid, 'SIGTERM');
});

const step = (page: Page, id: string) => page.getByTestId(`scenario-step-${id}`);
const row = (trainer: Page, name: string) => trainer.locator('#rows tr', { hasText: name });

async function productionEvents(): Promise<number> {
  const res = await fetch(`${PRODUCTION}/api/admin/precincts`, { headers: { authorization: `Bearer ${CENTER_ADMIN_TOKEN}` } });
  const body = (await res.json()) as { precincts?: { events: number }[] };
  return (body.precincts ?? []).reduce((n, p) => n + Number(p.events), 0);
}

/** A laptop with a real election (its database dumped), then in training, joined to the room. */
async function trainee(browser: Browser, name: string, code: string, tryWrongCode = false): Promise<{ page: Page; real: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await startDemo(page, 9001);
  const real = await dumpDatabase(page, 'precinct-desk');
  await page.locator('.nav a[href="#/training"]').click();
  await page.getByTestId('training-enter').click();
  await page.getByTestId('room-url').fill(TRAINING_CENTER);
  if (tryWrongCode) {
    // A wrong code marks the code field and puts the focus there (the shared Form).
    await page.getByTestId('room-code').fill('AAAA-BBBB-CCCC');
    await page.getByTestId('room-join').click();
    await expect(page.getByTestId('room-error')).toBeVisible();
    await expect(page.getByTestId('room-code')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('room-code')).toBeFocused();
  }
  await page.getByTestId('room-code').fill(code);
  await page.getByTestId('room-name').fill(name);
  await page.getByTestId('room-join').click();
  await expect(page.getByTestId('room-joined')).toBeVisible({ timeout: 20_000 });
  return { page, real };
}

test('the trainer’s room: three laptops start scenario 4 at once; a mistake, a right path and an idle trainee show three verdicts; reset brings all back; the real databases untouched', async ({ browser, page: trainerLaptop }) => {
  test.setTimeout(240_000);
  const productionBefore = await productionEvents();
  // The trainer's own laptop has a real election too.
  await startDemo(trainerLaptop, 9001);
  const trainerReal = await dumpDatabase(trainerLaptop, 'precinct-desk');

  const problems: string[] = [];
  const trainer = await trainerLaptop.context().newPage();
  trainer.on('pageerror', (e) => problems.push(e.message));
  trainer.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await trainer.goto(`${TRAINING_CENTER}/trainer#token=${TOKEN}`);
  await expect(trainer.locator('#code')).toHaveText(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/u);
  const code = (await trainer.locator('#code').textContent()) ?? '';
  await trainer.getByRole('button', { name: 'Русский' }).click();

  const aibek = await trainee(browser, 'Айбек', code, true);
  const bermet = await trainee(browser, 'Бермет', code);
  const chyngyz = await trainee(browser, 'Чыңгыз', code);
  await expect(trainer.locator('#rows tr')).toHaveCount(3);
  await expect(row(trainer, 'Чыңгыз')).toHaveAttribute('data-verdict', 'none');

  // Scenario 4 on every laptop at once.
  await trainer.locator('#scenario').selectOption('unbalanced-protocol');
  await trainer.getByRole('button', { name: 'Начать на всех' }).click();
  for (const t of [aibek, bermet, chyngyz]) {
    await expect(t.page.getByTestId('scenario-strip')).toBeVisible({ timeout: 30_000 });
    await expect(step(t.page, 'balanced')).toHaveAttribute('data-state', 'pending');
  }
  for (const name of ['Айбек', 'Бермет', 'Чыңгыз']) await expect(row(trainer, name)).toHaveAttribute('data-verdict', 'in-progress', { timeout: 20_000 });

  // Aibek makes the typical mistake: signs over the error with the chair's override.
  const a = aibek.page;
  await a.locator('.nav a[href="#/protocol"]').click();
  await expect(a.getByTestId('line-6')).toHaveValue('77');
  await a.getByTestId('protocol-sign').click();
  for (const box of await a.getByTestId('acknowledge').all()) await box.check();
  await a.getByTestId('reason-6').fill('Акт боюнча эмес, өзүбүз санадык');
  await a.getByTestId('override-reason').fill('Түнкү саат, кайра эсептөөгө убакыт жок');
  await a.getByTestId('protocol-sign').click();
  await expect(a.getByTestId('protocol-signed')).toBeVisible();
  await expect(step(a, 'balanced')).toHaveAttribute('data-state', 'wrong');

  // Bermet finds line 6 and signs without an override.
  const b = bermet.page;
  await b.locator('.nav a[href="#/protocol"]').click();
  await b.getByTestId('line-6').fill('75');
  await b.getByTestId('protocol-save').click();
  for (const box of await b.getByTestId('acknowledge').all()) await box.check();
  await b.getByTestId('protocol-sign').click();
  await expect(b.getByTestId('protocol-signed')).toBeVisible();
  await expect(b.getByTestId('scenario-passed')).toBeVisible();

  // Three different verdicts on the trainer's screen, live; Chyngyz did nothing.
  await expect(row(trainer, 'Айбек')).toHaveAttribute('data-verdict', 'mistake', { timeout: 20_000 });
  await expect(row(trainer, 'Бермет')).toHaveAttribute('data-verdict', 'passed', { timeout: 20_000 });
  await expect(row(trainer, 'Чыңгыз')).toHaveAttribute('data-verdict', 'in-progress');
  await expect(row(trainer, 'Айбек').locator('li[data-step="no-override"]')).toHaveAttribute('data-state', 'wrong');
  await expect(row(trainer, 'Айбек')).toContainText('Допущена ошибка');
  await expect(row(trainer, 'Айбек')).not.toContainText('ballot-balance');
  // The finding behind it, in words, as the protocol screen shows it.
  await expect(row(trainer, 'Айбек').locator('li[data-step="balanced"] .why')).toContainText(/\d/u);
  await trainer.screenshot({ path: 'test-results/h22-trainer-room.png', fullPage: true });

  // Reset: every laptop back to the start of scenario 4.
  await trainer.getByRole('button', { name: 'Вернуть всех к началу' }).click();
  for (const t of [aibek, bermet, chyngyz]) {
    await expect(step(t.page, 'balanced')).toHaveAttribute('data-state', 'pending', { timeout: 30_000 });
    await expect(step(t.page, 'no-override')).toHaveAttribute('data-state', 'pending');
  }
  for (const name of ['Айбек', 'Бермет', 'Чыңгыз']) await expect(row(trainer, name)).toHaveAttribute('data-verdict', 'in-progress', { timeout: 20_000 });
  await a.locator('.nav a[href="#/protocol"]').click();
  await expect(a.getByTestId('line-6')).toHaveValue('77');

  // The summary keeps who played what and the mistakes caught (Aibek's override), ready to print.
  const summary = trainer.locator('#srows');
  await expect(summary.locator('tr', { hasText: 'Айбек' }).first()).toContainText('Подписан с ошибками по решению председателя');
  await expect(summary.locator('tr[data-device]')).toHaveCount(6);
  await trainer.emulateMedia({ media: 'print' });
  await expect(trainer.locator('#trainees')).toBeHidden();
  await expect(trainer.locator('#sheet')).toBeVisible();
  await trainer.emulateMedia({ media: 'screen' });
  // Its A4 sheet at its own address: each trainee's verdict per scenario, the mistakes, one page.
  const sheet = await trainer.context().newPage();
  await sheet.goto(`${TRAINING_CENTER}/trainer/print#token=${TOKEN}`);
  const aibekCell = sheet.locator('#sgrid tr', { hasText: 'Айбек' }).locator('td[data-scenario="unbalanced-protocol"]');
  await expect(aibekCell).toHaveAttribute('data-verdict', 'in-progress');
  await expect(aibekCell).toContainText('×2');
  // Aibek's mistakes are listed one a row (the unbalanced figures, then the chair's override): the override is among them.
  await expect(sheet.locator('#smrows tr', { hasText: 'Айбек' }).filter({ hasText: 'Подписан с ошибками по решению председателя' })).toHaveCount(1);
  await expect(sheet.locator('#smrows tr', { hasText: 'Бермет' })).toHaveCount(0);
  const printed = await sheet.pdf({ format: 'A4', preferCSSPageSize: true });
  expect(pdfInfo(printed).pages).toBe(1);
  expect(pdfText(printed)).toContain('Итоги обучения');
  await sheet.screenshot({ path: 'test-results/h22-trainer-sheet.png', fullPage: true });
  await sheet.close();

  // The real databases of all four laptops untouched, and nothing reached the production center.
  for (const t of [aibek, bermet, chyngyz]) expect(await dumpDatabase(t.page, 'precinct-desk')).toBe(t.real);
  expect(await dumpDatabase(trainerLaptop, 'precinct-desk')).toBe(trainerReal);
  expect(await productionEvents()).toBe(productionBefore);
  expect(problems).toEqual([]);
});
