import { expect, test } from '@playwright/test';
import { addDays } from '../../shared/time/date';
import { localDateTimeIn } from '../../shared/time/zone';
import { formatDate } from '../../shared/i18n/format';
import { demoZone, startDemo, tr } from './helpers';

/**
 * Dates typed the way people type them (issue 16): Form 2 takes a birth and a received date as
 * 12.03.1980, 12.3.1980 or 1980-03-12, shows them the way the UI language writes dates, and refuses
 * a day that does not exist (31.02.1980, 1980-02-31) with a message naming the field, in ky, ru
 * and en. The demo is held today on the running clock; the applications were received before the
 * Form 2 deadline (15 days before voting day), so they are registered. The ballots act's date at the
 * ledger is typed the same ways and refused the same way.
 */
test('Form 2: a birth typed 12.03.1980, 12.3.1980 or 1980-03-12 is taken; 31.02.1980 and 1980-02-31 are refused naming the field, in ky, ru and en', async ({ page }) => {
  test.setTimeout(60_000);
  await startDemo(page, 9001);
  const zone = demoZone(9001);
  const today = localDateTimeIn(new Date(await page.evaluate(() => Date.now())), zone).date;
  const received = addDays(today, -20);
  const [y, m, d] = received.split('-') as [string, string, string];
  await page.getByRole('button', { name: 'EN' }).click();
  await page.getByRole('link', { name: 'Applications (F2, F3)' }).click();
  const form = page.getByTestId('application-form');

  async function fill(surname: string, birth: string, receivedDate: string, document: string) {
    await form.getByTestId('surname').fill(surname);
    await form.getByTestId('name').fill('Айгүл');
    await form.getByTestId('birth').fill(birth);
    await form.getByTestId('address').fill('Ош ш., Ленин көч. 1');
    await form.getByTestId('document-kind').selectOption('id-card');
    await form.getByTestId('document-number').fill(document);
    await form.getByTestId('received-date').fill(receivedDate);
    await form.getByTestId('received-time').fill('10:00');
    await form.getByTestId('register-application').click();
  }

  // Three ways of writing 12 March 1980, and three of writing the received date: all taken.
  const ways = [
    { surname: 'Асанова', birth: '12.03.1980', received: `${d}.${m}.${y}` },
    { surname: 'Бекова', birth: '12.3.1980', received: `${Number(d)}.${Number(m)}.${y}` },
    { surname: 'Жумабаева', birth: '1980-03-12', received: received },
  ];
  const receivedShown = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone: 'UTC' }).format(new Date(`${received}T10:00:00Z`));
  for (const [i, way] of ways.entries()) {
    await fill(way.surname, way.birth, way.received, `ID 000000${i}`);
    await expect(page.getByTestId('applications-message')).toContainText(`Registered: Form 2 No. ${i + 1}`);
    const entry = page.getByTestId(`application-form2-${i + 1}`);
    await expect(entry).toContainText(`${way.surname} Айгүл, March 12, 1980`);
    await expect(entry).toContainText(receivedShown);
  }

  // A day that does not exist, typed either way: refused under the birth field, nothing registered.
  const birth = form.getByTestId('birth');
  for (const [lng, button] of [['en', 'EN'], ['ru', 'RU'], ['ky', 'KY']] as const) {
    await page.getByRole('button', { name: button, exact: true }).click();
    for (const wrong of ['31.02.1980', '1980-02-31']) {
      await fill('Токтогулова', wrong, `${d}.${m}.${y}`, 'ID 0000099');
      await expect(form.getByTestId('problem-birth')).toHaveText(tr(lng, 'applications:invalid.birthNotADate', { value: wrong }));
      await expect(birth).toHaveAttribute('aria-invalid', 'true');
      await expect(birth).toBeFocused();
    }
  }
  // The entries show the birth the way Kyrgyz writes dates; still three of them.
  await expect(page.getByTestId('application-form2-3')).toContainText('Жумабаева Айгүл, 1980-ж., 12-март');
  await expect(page.getByTestId('application-form2-4')).toHaveCount(0);

  // A received date that does not exist is refused under its own field, the birth now right.
  await fill('Токтогулова', '12.03.1980', `31.02.${y}`, 'ID 0000099');
  await expect(form.getByTestId('problem-receivedAt')).toHaveText(tr('ky', 'applications:problem.received-invalid'));
  await expect(form.getByTestId('problem-birth')).toHaveCount(0);
  await expect(page.getByTestId('application-form2-4')).toHaveCount(0);
});

test('the ballots act: a date typed 1.12.2026-style or in the ISO form is taken; 31 February is refused naming the field, in ky, ru and en', async ({ page }) => {
  await startDemo(page, 9001);
  const today = localDateTimeIn(new Date(await page.evaluate(() => Date.now())), demoZone(9001)).date;
  const [y, m, d] = addDays(today, -2).split('-') as [string, string, string];
  await page.locator('.nav a[href="#/ledger"]').click();
  const form = page.getByTestId('receipt-form');
  await page.getByTestId('receipt-act').fill('12');
  await page.getByTestId('receipt-date').fill(`31.02.${y}`);
  await page.getByTestId('receipt-count').fill('69');
  await page.getByTestId('receipt-record').click();
  await expect(page.getByTestId('receipt-date')).toHaveAttribute('aria-invalid', 'true');
  for (const [lng, button] of [['ru', 'RU'], ['en', 'EN'], ['ky', 'KY']] as const) {
    await page.getByRole('button', { name: button, exact: true }).click();
    await expect(form).toContainText(tr(lng, 'ledger:problem.invalid', { field: tr(lng, 'ledger:field.actDate') }));
  }
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.getByTestId('receipt-date').fill(`${Number(d)}.${Number(m)}.${y}`);
  await page.getByTestId('receipt-record').click();
  await expect(page.getByTestId('ledger-message')).toContainText('Recorded: 69 ballots under act No. 12.');
  await expect(page.getByTestId('receipt-date')).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('receipt-act').fill('13');
  await page.getByTestId('receipt-date').fill(`${y}-${m}-${d}`);
  await page.getByTestId('receipt-count').fill('1');
  await page.getByTestId('receipt-record').click();
  await expect(page.getByTestId('ledger-message')).toContainText('Recorded: 1 ballot under act No. 13.');
  // Both acts carry the same day, as an ISO date.
  const actDates = await page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('precinct-desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('events').objectStore('events').getAll();
          all.onsuccess = () => resolve((all.result as { type: string; payload: { actDate?: string } }[]).filter((e) => e.type === 'BallotsReceived').map((e) => e.payload.actDate));
        };
      }),
  );
  expect(actDates).toEqual([`${y}-${m}-${d}`, `${y}-${m}-${d}`]);
});

test('the ballots act dated with a mistyped year, or after today, is refused naming its date, in Kyrgyz; nothing is recorded', async ({ page }) => {
  await startDemo(page, 9001);
  const today = localDateTimeIn(new Date(await page.evaluate(() => Date.now())), demoZone(9001)).date;
  const [y, m, d] = today.split('-') as [string, string, string];
  const [ty, tm, td] = addDays(today, 1).split('-') as [string, string, string];
  await page.locator('.nav a[href="#/ledger"]').click();
  const form = page.getByTestId('receipt-form');
  await page.getByTestId('receipt-act').fill('12');
  await page.getByTestId('receipt-count').fill('69');
  for (const date of [`${d}.${m}.1999`, `${td}.${tm}.${ty}`]) {
    await page.getByTestId('receipt-date').fill(date);
    await page.getByTestId('receipt-record').click();
    // It says voting day (the demo's: today) and today by this computer's clock, written as dates are (a wrong clock shows in it).
    await expect(form).toContainText(`${tr('ky', 'ledger:field.actDate')}: акт добуш берүү күнүнөн (${formatDate(today, 'ky')}) же бүгүндөн (${formatDate(today, 'ky')}, бул компьютердин сааты боюнча)`);
    await expect(page.getByTestId('receipt-date')).toHaveAttribute('aria-invalid', 'true');
  }
  await expect(page.getByTestId('ledger-received')).toContainText(tr('ky', 'ledger:noReceipt'));
  await page.getByTestId('receipt-date').fill(`${d}.${m}.${y}`);
  await page.getByTestId('receipt-record').click();
  await expect(page.getByTestId('receipt-date')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('ledger-received')).not.toContainText(tr('ky', 'ledger:noReceipt'));
});
