import { expect, test } from '@playwright/test';
import { demoBundle } from '../../shared/election/demo';
import { sealBundle } from '../../shared/election/bundle';
import { pickFile, startDemo } from './helpers';

test.describe('setting up the election', () => {
  test('first run is in Kyrgyz; the demo election at 9001 survives a reload; languages switch', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ky');
    await expect(page.getByRole('heading', { name: 'Программанын тилин тандаңыз' })).toBeVisible();
    await startDemo(page, 9001, '/', { votingDay: 'historical' });
    await expect(page.getByTestId('active-election')).toContainText('Кыргыз Республикасынын Президентин шайлоо');
    await expect(page.getByTestId('active-election')).toContainText('2017-ж., 15-октябрь');
    await expect(page.getByRole('link', { name: 'Календардык план' })).toBeVisible();

    await page.getByRole('button', { name: 'RU' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.getByRole('link', { name: 'Календарный план' })).toBeVisible();
    await expect(page.getByTestId('active-precinct')).toContainText('Участок № 9001');
    await page.getByRole('button', { name: 'EN' }).click();
    await expect(page.getByRole('link', { name: 'Calendar plan' })).toBeVisible();
    await expect(page.getByTestId('active-election')).toContainText('October 15, 2017');

    await page.reload();
    await expect(page.getByTestId('active-precinct')).toContainText('Precinct No. 9001');
    await expect(page.getByRole('link', { name: 'Calendar plan' })).toBeVisible();
  });

  test('a broken bundle at first run is refused with its problems named; nothing is activated', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('language-continue').click();
    await page.getByTestId('choose-bundle').click();

    await pickFile(page, 'bundle-file', 'broken.json', '{"format": "precinct-desk/election-bundle", "formatVersion": 1,');
    await expect(page.getByTestId('problems')).toContainText('The file «broken.json» was refused');
    await expect(page.getByTestId('problems')).toContainText('this is not a JSON file or it is cut off');

    const bad = demoBundle();
    bad.election.votingDay = '2017-13-45';
    bad.candidates[1]!.position = 1;
    await pickFile(page, 'bundle-file', 'bad.json', JSON.stringify(bad));
    await expect(page.getByTestId('problems')).toContainText('Voting day: not a valid date');
    await expect(page.getByTestId('problems')).toContainText('Candidate 2 › Ballot line: two candidates have the same ballot line');
    await expect(page.getByTestId('bundle-activate')).toBeDisabled();

    // The language chosen on the first screen is kept across the reload: set-up goes on from the choice.
    await page.reload();
    await expect(page.getByTestId('choose-step')).toBeVisible();
    await expect(page.getByTestId('choose-step')).toContainText('Load an election bundle');
    await expect(page.getByTestId('language-step')).toHaveCount(0);
  });

  test('a broken or tampered bundle leaves the active setup as it was; a good one shows its changes first', async ({ page }) => {
    await startDemo(page, 9019, '/', { votingDay: 'historical' });
    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('link', { name: 'Precinct profile' }).click();
    await expect(page.getByTestId('profile-precinct-number')).toHaveText('9019');

    const sealed = await sealBundle(demoBundle());
    const tampered = { ...sealed, precincts: sealed.precincts.map((p) => (p.number === 9019 ? { ...p, name: 'Changed' } : p)) };
    await page.getByTestId('profile-load-bundle').click();
    await pickFile(page, 'bundle-file', 'tampered.json', JSON.stringify(tampered));
    await expect(page.getByTestId('problems')).toContainText('the file was changed after it was issued');
    await pickFile(page, 'bundle-file', 'garbage.json', 'this is not json');
    await expect(page.getByTestId('problems')).toContainText('not a JSON file');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('profile-precinct-number')).toHaveText('9019');
    await expect(page.getByTestId('active-precinct')).toContainText('Япония');

    const newer = await sealBundle({ ...demoBundle(), bundleVersion: 2, precincts: demoBundle().precincts.map((p) => (p.number === 9019 ? { ...p, address: 'Tokyo, Meguro-ku 5-6-16' } : p)) });
    await page.getByTestId('profile-load-bundle').click();
    await pickFile(page, 'bundle-file', 'v2.json', JSON.stringify(newer));
    await expect(page.getByTestId('bundle-summary')).toContainText('version 2');
    await expect(page.getByTestId('bundle-summary')).toContainText('Changes against the current setup: 1');
    await expect(page.getByTestId('bundle-summary')).toContainText('Tokyo, Meguro-ku 5-6-16');
    await page.getByTestId('bundle-activate').click();
    await expect(page.getByTestId('profile-address')).toHaveText('Tokyo, Meguro-ku 5-6-16');
    await expect(page.getByTestId('history')).toContainText('Election set up');

    // The older file picked again from the stick (version 1), or another bundle numbered 2: shown,
    // refused with both versions named, and nothing can be activated — the election is not rolled back.
    const other2 = await sealBundle({ ...demoBundle({ votingDay: '2026-12-07' }), bundleVersion: 2 });
    for (const [file, bundle, offered] of [['v1.json', sealed, 1], ['other-v2.json', other2, 2]] as const) {
      await page.getByTestId('profile-load-bundle').click();
      await pickFile(page, 'bundle-file', file, JSON.stringify(bundle));
      await expect(page.getByTestId('bundle-not-newer')).toContainText(`This bundle is version ${offered}; this laptop already has version 2`);
      await expect(page.getByTestId('bundle-activate')).toBeDisabled();
      await page.getByRole('button', { name: 'Cancel' }).click();
    }
    await expect(page.getByTestId('profile-address')).toHaveText('Tokyo, Meguro-ku 5-6-16');
  });

  test('entering by hand names every wrong field; editing records history; the log verifies', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByTestId('language-continue').click();
    await page.getByTestId('choose-manual').click();
    const form = page.getByTestId('setup-form');
    await form.locator('[data-field="election.name.ky"]').fill('Кыргыз Республикасынын Президентин шайлоо 2027');
    await form.locator('[data-field="election.votingDay"]').fill('17.01.2027');
    await form.locator('[data-field="precinct.number"]').fill('12a');
    await form.locator('[data-field="precinct.name"]').fill('№ 1001 мектеп');
    await form.locator('[data-field="precinct.address"]').fill('Бишкек ш., Чүй пр., 1');
    await form.locator('[data-field="precinct.territorialCommission"]').fill('Бишкек шаардык АШК');
    await form.locator('[data-field="members.0.name"]').fill('Асанова Айгүл');
    await form.locator('[data-field="members.1.name"]').fill('Үсөнов Бакыт');
    await form.locator('[data-field="candidates.0.surname"]').fill('Асанов');
    await form.locator('[data-field="candidates.0.birthYear"]').fill('nineteen');
    await page.getByTestId('setup-save').click();
    await expect(page.getByTestId('problems')).toContainText('Номер участка: введите целое число (только цифры)');
    await expect(page.getByTestId('problems')).toContainText('Кандидат 1 › Имя: не заполнено');
    await expect(page.getByTestId('problems')).toContainText('Кандидат 1 › Год рождения: введите целое число');
    await expect(page.getByTestId('language-step')).toHaveCount(0);

    await form.locator('[data-field="precinct.number"]').fill('1001');
    await form.locator('[data-field="candidates.0.name"]').fill('Асан');
    await form.locator('[data-field="candidates.0.birthYear"]').fill('1961');
    await page.getByTestId('setup-save').click();
    await expect(page.getByTestId('active-precinct')).toContainText('Участок № 1001');

    await page.getByRole('link', { name: 'Данные участка' }).click();
    await page.getByTestId('profile-edit').click();
    await page.locator('[data-field="precinct.address"]').fill('Бишкек ш., Чүй пр., 2');
    await page.getByTestId('setup-save').click();
    await expect(page.getByText('Сохранено. Записано изменений: 1')).toBeVisible();
    await expect(page.getByTestId('history')).toContainText('Изменены данные участка');
    await expect(page.getByTestId('history')).toContainText('Бишкек ш., Чүй пр., 2');
    await page.getByTestId('verify-log').click();
    await expect(page.getByTestId('verify-result')).toContainText('Журнал цел: событий 2');
  });
});

/**
 * A language picked on the first screen and confirmed at once — its words still loading on a slow
 * laptop — is the one kept after a reload. (Continue kept the language still shown, the one before:
 * the app came back in Kyrgyz; a clean-clone CI run met it in setup.spec's reload, flaky.)
 */
test('a language picked and confirmed before its words have loaded is kept across a reload', async ({ page }) => {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/words-ru[^/]*\.js(\?.*)?$/u, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  await page.getByRole('button', { name: 'Русский' }).click();
  await page.getByTestId('language-continue').click();
  release();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await page.reload();
  await expect(page.getByTestId('choose-step')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
});
