import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

// The words are not what is tested here: the key and its parameters are shown as they are given.
vi.mock('react-i18next', () => ({ useTranslation: () => ({ t: (key: string, params?: Record<string, unknown>) => (key === 'outpremises:enteredTwiceAnd' ? ' & ' : `${key} ${JSON.stringify(params)}`) }) }));

const { RegisterNumberedTwice, VoterEnteredTwice } = await import('../../../../renderer/features/outpremises/RegisterNumberedTwice');

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

describe('the note on a voter entered twice', () => {
  const withdrawn = (number: number, voterId: string) => ({ ...entry(number, voterId), withdrawn: { reason: 'changed-mind' } }) as unknown as ReturnType<typeof entry>;
  const active = (number: number, voterId: string) => ({ ...entry(number, voterId), withdrawn: null }) as unknown as ReturnType<typeof entry>;
  it('names the numbers of each voter with two entries in force, and nothing once one is withdrawn', () => {
    const html = renderToStaticMarkup(<VoterEnteredTwice state={{ entries: [active(5, 'a'), active(6, 'a'), active(7, 'b'), active(8, 'c'), active(9, 'c')] }} testId="x" />);
    expect(html).toContain('outpremises:enteredTwice {&quot;numbers&quot;:&quot;5 &amp; 6; 8 &amp; 9&quot;,&quot;count&quot;:2}');
    expect(renderToStaticMarkup(<VoterEnteredTwice state={{ entries: [active(5, 'a'), withdrawn(6, 'a')] }} testId="x" />)).toBe('');
  });
});
