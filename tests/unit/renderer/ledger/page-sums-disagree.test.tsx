import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

// The words are not what is tested here: the key and its parameters are shown as they are given.
vi.mock('react-i18next', () => ({ useTranslation: () => ({ t: (key: string, params?: Record<string, unknown>) => `${key} ${JSON.stringify(params)}`, i18n: { language: 'en' } }) }));
vi.mock('../../../../renderer/app/session', () => ({
  useSetup: () => ({ members: [{ id: 'm-sec', name: 'Асанова Айгүл' }, { id: 'm-chair', name: 'Бакиев Талант' }], precinct: { timeZone: 'Asia/Bishkek' } }),
}));

const { PageSumsDisagree } = await import('../../../../renderer/ui/PageSumsDisagree');

const head = (total: number, device: string, enteredBy: string, at: string) => ({ id: `${device}-${total}`, total, pages: 12, at, enteredBy, device });

describe('the note on page sums entered on two laptops apart', () => {
  it('says nothing with one entry standing', () => {
    expect(renderToStaticMarkup(<PageSumsDisagree heads={[]} />)).toBe('');
  });

  it('names both figures, the pages, both members and laptops and their times, and the figure the act takes', () => {
    const html = renderToStaticMarkup(
      <PageSumsDisagree heads={[head(300, '1a2b3c4d-aaaa', 'm-sec', '2017-10-15T14:40:00.000Z'), head(310, '9f8e7d6c-bbbb', 'm-chair', '2017-10-15T14:45:00.000Z')]} />,
    );
    expect(html).toContain('role="status"');
    expect(html).toContain('ledger:pageSumsDisagree.text');
    for (const part of ['300', '310', 'Асанова Айгүл', 'Бакиев Талант', '1a2b3c4d', '9f8e7d6c', '20:40', '20:45', 'pages', '12']) expect(html).toContain(part);
    expect(html).toContain('&quot;latest&quot;:&quot;310&quot;');
  });
});
