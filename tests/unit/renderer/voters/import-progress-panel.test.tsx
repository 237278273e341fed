import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

// The words are not what is tested here: the keys are shown as they are given.
vi.mock('react-i18next', () => ({ useTranslation: () => ({ t: (key: string) => key, i18n: { language: 'en' } }) }));

const { ImportProgressPanel, ProgressStore } = await import('../../../../renderer/features/voters/import/ImportProgress');

const panel = (progress: { read: number; checked: number; total: number; stored: number }) => {
  const store = new ProgressStore();
  store.set({ phase: 'check', ...progress } as never);
  return renderToStaticMarkup(<ImportProgressPanel store={store} job={null} cancelled={false} failure={null} onCancel={() => undefined} />);
};

describe('the import progress once no job runs', () => {
  it('a list checked and not activated says nothing is saved yet, not "Done."', () => {
    const html = panel({ read: 3, checked: 3, total: 3, stored: 0 });
    expect(html).toContain('import:progress.phase.notSaved');
    expect(html).not.toContain('import:progress.phase.done');
  });

  it('a list saved says done', () => {
    expect(panel({ read: 3, checked: 3, total: 3, stored: 3 })).toContain('import:progress.phase.done');
  });
});
