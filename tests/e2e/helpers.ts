import { expect, type Page } from '@playwright/test';

/** First run in Kyrgyz → demo election → the given precinct. */
export async function startDemo(page: Page, precinct = 9001): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('language-step')).toBeVisible();
  await page.getByTestId('language-continue').click();
  await page.getByTestId('choose-demo').click();
  await page.getByRole('radio', { name: new RegExp(`^${precinct} `, 'u') }).check();
  await page.getByTestId('demo-start').click();
  await expect(page.getByTestId('active-precinct')).toContainText(String(precinct));
}

export async function pickFile(page: Page, testId: string, name: string, content: string): Promise<void> {
  await page.getByTestId(testId).setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content, 'utf8') });
}
