/**
 * axe-core over every screen of the app in Kyrgyz and Russian: the first run, every route of the
 * router with a demo election and its list loaded, every printed page and the training screens.
 * WCAG 2.0–2.2 A and AA and axe's best practices (landmarks, one h1); the expected number of
 * violations is 0. The findings are written to test-results/axe-findings.json to read.
 */
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { chooseDemo, openPrinted, startDemo, startDemoWithList, tr } from './helpers';

// The app's CSP forbids inline scripts; axe is injected as one, so this spec bypasses the CSP.
test.use({ bypassCSP: true });

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Every route of renderer/app/router.ts (the router's list is the source; a new route fails here until added). */
const SCREENS = ['opening', 'posting', 'voters', 'voters-import', 'voters-pages', 'applications', 'outpremises', 'calendar', 'ledger', 'mobile-count', 'count', 'protocol', 'protocol-prints', 'sync', 'profile', 'training'] as const;
const PRINTS = ['print-calendar', 'print-pages', 'print-applications', 'print-protocol', 'print-outpremises', 'print-trips', 'print-meeting', 'print-copies', 'print-enlarged', 'print-act-ballots', 'print-act-issued', 'print-handover', 'print-opening-act', 'print-postings', 'print-voter-notice', 'print-mobile-count', 'print-posted-list', 'print-participants'] as const;

interface Finding {
  screen: string;
  rule: string;
  impact: string | null;
  nodes: { target: string; summary: string }[];
}

async function axe(page: Page, screen: string, into: Finding[]): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async (tags) => {
    // axe-core's global, injected above.
    const run = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    // The training watermark is pure decoration (WCAG 1.4.3 exempts it): faint on purpose, hidden from assistive technology.
    const result = await run.run({ exclude: [['.training-watermark']] } as unknown as Document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ rule: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.map(String).join(' '), summary: (n.failureSummary ?? '').slice(0, 300) })) }));
  }, TAGS);
  for (const v of violations) into.push({ screen, ...v });
}

/**
 * The route's screen shown: the hash set and the page settled — its h1 drawn in the main landmark,
 * nothing in it loading or busy. The fixed 300 ms alone met the count screen still reading its data
 * (its loading line, no h1: page-has-heading-one) in a full run under load, both tries.
 */
async function open(page: Page, route: string): Promise<void> {
  await showRoute(page, route);
  await page.waitForTimeout(300);
  await page.waitForFunction(() => document.querySelector('main h1') !== null && document.querySelector('main .loading, [aria-busy="true"]') === null);
}

/** A printed page: the hash set, then read once it says it is ready (openPrinted), with no fixed wait before it. */
async function openPrint(page: Page, route: string): Promise<void> {
  await showRoute(page, route);
  await openPrinted(page);
}

async function showRoute(page: Page, route: string): Promise<void> {
  await page.evaluate((r) => {
    window.location.hash = `#/${r}`;
  }, route);
  await expect(page.locator('#root > :not(.loading)').first()).toBeVisible();
}

function report(findings: Finding[]): string {
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/axe-findings.json', JSON.stringify(findings, null, 2));
  return findings.map((f) => `${f.screen}: ${f.rule} (${f.nodes.length}) ${f.nodes[0]?.target ?? ''}`).join('\n');
}

test('axe: the first run in Kyrgyz and Russian has 0 violations', async ({ page }) => {
  test.setTimeout(120_000);
  const findings: Finding[] = [];
  await page.goto('/');
  for (const lng of ['ky', 'ru'] as const) {
    if (lng === 'ru') await page.getByRole('button', { name: 'Русский' }).click();
    await expect(page.getByTestId('language-step')).toBeVisible();
    await axe(page, `${lng} first-run language`, findings);
    await page.getByTestId('language-continue').click();
    await axe(page, `${lng} first-run choose`, findings);
    for (const [step, testId] of [['bundle', 'choose-bundle'], ['demo', 'choose-demo'], ['manual', 'choose-manual'], ['restore', 'choose-restore']] as const) {
      await page.getByTestId(testId).click();
      await axe(page, `${lng} first-run ${step}`, findings);
      await page.getByRole('button', { name: tr(lng, 'common:back'), exact: true }).or(page.getByRole('button', { name: tr(lng, 'common:cancel'), exact: true })).first().click();
    }
    await page.getByRole('button', { name: tr(lng, 'common:back'), exact: true }).click();
  }
  expect(report(findings)).toBe('');
});

test('axe: every screen and printed page with a demo election and its list, in Kyrgyz and Russian, has 0 violations', async ({ page }) => {
  test.setTimeout(600_000);
  const findings: Finding[] = [];
  await startDemoWithList(page, 9003);
  for (const lng of ['ky', 'ru'] as const) {
    await page.getByRole('button', { name: lng.toUpperCase(), exact: true }).click();
    for (const route of SCREENS) {
      await open(page, route);
      await axe(page, `${lng} ${route}`, findings);
    }
    for (const route of PRINTS) {
      await openPrint(page, route);
      await axe(page, `${lng} ${route}`, findings);
    }
    await open(page, 'calendar');
  }
  expect(report(findings)).toBe('');
});

test('axe: the mobile teams, their drawing and each team form refused (fields marked, messages beside them), in Kyrgyz and Russian, has 0 violations', async ({ page }) => {
  test.setTimeout(180_000);
  const findings: Finding[] = [];
  // 12 Oct, 23:30 in Moscow: applications still taken; the register refuses one for nobody chosen from the list.
  await page.clock.setFixedTime(new Date('2017-10-12T20:30:00Z'));
  await startDemoWithList(page, 9001);
  await page.locator('.nav a[href="#/outpremises"]').click();
  const draw = page.getByTestId('op-draw-team-1');
  await draw.getByRole('checkbox').nth(0).check();
  for (const lng of ['ky', 'ru'] as const) {
    await page.getByRole('button', { name: lng.toUpperCase(), exact: true }).click();
    await page.getByTestId('op-register').click();
    await expect(page.getByTestId('op-problems')).toBeVisible();
    // The drawing refused (one member in the team): its problem list beside the register's.
    await page.getByTestId('op-draw').click();
    await expect(page.getByTestId('op-draw-problems')).toBeVisible();
    await axe(page, `${lng} outpremises drawing and register refused`, findings);
  }
  await page.clock.setFixedTime(new Date('2017-10-13T12:00:00Z')); // the lots are drawn two days before voting day
  await draw.getByRole('checkbox').nth(3).check();
  await page.getByTestId('op-operator-1').fill('Оператор ГРС');
  await page.getByTestId('op-seal-1').fill('S-0001');
  await page.getByTestId('op-draw').click();
  await expect(page.getByTestId('op-team-1')).toBeVisible();
  await page.getByTestId('op-depart-1').click();
  await expect(page.getByTestId('op-teams-message')).toBeVisible();
  for (const lng of ['ky', 'ru'] as const) {
    await page.getByRole('button', { name: lng.toUpperCase(), exact: true }).click();
    await page.getByTestId('op-hand-1').click();
    await expect(page.getByTestId('op-hand-count-1')).toHaveAttribute('aria-invalid', 'true');
    await axe(page, `${lng} outpremises hand-over refused`, findings);
    await page.getByTestId('op-visit-1').click();
    await expect(page.getByTestId('op-visit-entry-1')).toHaveAttribute('aria-invalid', 'true');
    await axe(page, `${lng} outpremises visit refused`, findings);
    // Out already: no field at fault, the form's own problem list says it.
    await page.getByTestId('op-depart-1').click();
    await expect(page.getByTestId('op-depart-problems-1')).toBeVisible();
    await axe(page, `${lng} outpremises departure refused`, findings);
  }
  expect(report(findings)).toBe('');
});

test('axe: the training screens (its first run, scenarios, a handout) in Kyrgyz and Russian have 0 violations', async ({ page }) => {
  test.setTimeout(300_000);
  const findings: Finding[] = [];
  await startDemo(page, 9003);
  await page.locator('.nav a[href="#/training"]').click();
  await page.getByTestId('training-enter').click();
  for (const lng of ['ky', 'ru'] as const) {
    if (lng === 'ru') {
      await page.getByRole('button', { name: tr('ky', 'common:back'), exact: true }).click();
      await page.getByRole('button', { name: 'Русский' }).click();
      await page.getByTestId('language-continue').click();
    }
    await expect(page.getByTestId('scenarios')).toBeVisible();
    await axe(page, `${lng} training first-run`, findings);
    await page.locator('[data-testid^="scenario-handout-"]').first().click();
    await expect(page.getByTestId('handout')).toBeVisible();
    await axe(page, `${lng} training handout`, findings);
    await page.goBack();
    await expect(page.getByTestId('scenarios')).toBeVisible();
  }
  // The training's own demo: its desk with the training bar.
  await chooseDemo(page, 9003);
  await page.getByTestId('demo-start').click();
  await expect(page.getByTestId('training-bar')).toBeVisible();
  for (const lng of ['ru', 'ky'] as const) {
    await page.getByRole('button', { name: lng.toUpperCase(), exact: true }).click();
    for (const route of ['training', 'voters', 'protocol'] as const) {
      await open(page, route);
      await axe(page, `${lng} training ${route}`, findings);
    }
  }
  expect(report(findings)).toBe('');
});
