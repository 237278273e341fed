import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

// The words are not what is tested here: the key and its parameters are shown as they are given.
vi.mock('react-i18next', () => ({ useTranslation: () => ({ t: (key: string, params: Record<string, unknown>) => `${key} ${JSON.stringify(params)}` }) }));

const { RegisterNumberedTwice } = await import('../../../../renderer/features/outpremises/RegisterNumberedTwice');

const entry = (number: number, voterId: string) => ({ number, voterId }) as Parameters<typeof RegisterNumberedTwice>[0]['state']['entries'][number];

describe('the note on register numbers given to two entries', () => {
  it('says nothing when every number was given once', () => {
    expect(renderToStaticMarkup(<RegisterNumberedTwice state={{ entries: [entry(1, 'a'), entry(2, 'b')] }} testId="x" />)).toBe('');
  });

  it('names each number given twice once, with their count for the plural; a warning on screen, a note on paper', () => {
    const html = renderToStaticMarkup(<RegisterNumberedTwice state={{ entries: [entry(1, 'a'), entry(1, 'b'), entry(2, 'c'), entry(3, 'd'), entry(3, 'e')] }} testId="x" />);
    expect(html).toContain('outpremises:numberedTwice {&quot;numbers&quot;:&quot;1, 3&quot;,&quot;count&quot;:2}');
    expect(html).toContain('role="status"');
    const printed = renderToStaticMarkup(<RegisterNumberedTwice state={{ entries: [entry(4, 'a'), entry(4, 'b')] }} print testId="y" />);
    expect(printed).toContain('class="doc-note"');
    expect(printed).not.toContain('role=');
  });
});
