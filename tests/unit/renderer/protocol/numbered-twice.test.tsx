import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

// The words are not what is tested here: the key and its parameters are shown as they are given.
vi.mock('react-i18next', () => ({ useTranslation: () => ({ t: (key: string, params: Record<string, unknown>) => `${key} ${JSON.stringify(params)}` }) }));

const { NumberedTwice } = await import('../../../../renderer/features/protocol/NumberedTwice');

const copy = (copyNumber: number, recipientName: string, issuedAt = '2017-10-15T16:00:00.000Z') => ({ copyNumber, recipientName, issuedAt });

describe('the note on copy numbers given twice', () => {
  it('says nothing when every number was given once', () => {
    expect(renderToStaticMarkup(<NumberedTwice copies={[copy(1, 'A'), copy(2, 'B')]} testId="x" />)).toBe('');
  });

  it('names each number given to two people once, with their count for the plural', () => {
    const html = renderToStaticMarkup(<NumberedTwice copies={[copy(1, 'A'), copy(2, 'B'), copy(2, 'C'), copy(3, 'D'), copy(3, 'E'), copy(3, 'F')]} testId="x" />);
    expect(html).toContain('prints:numberedTwice {&quot;numbers&quot;:&quot;2, 3&quot;,&quot;count&quot;:2}');
    // On screen a warning read out; on paper a note.
    expect(html).toContain('class="alert alert-warn"');
    expect(html).toContain('role="status"');
    const printed = renderToStaticMarkup(<NumberedTwice copies={[copy(2, 'B'), copy(2, 'C')]} print testId="y" />);
    expect(printed).toContain('class="doc-note"');
    expect(printed).not.toContain('role=');
    expect(printed).toContain('data-testid="y"');
  });
});
