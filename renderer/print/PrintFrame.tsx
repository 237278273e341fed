/** The frame of every printable document: a toolbar on screen, an A4 page on paper and in PDF. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isElectron, platform } from '../platform';
import { useReading } from '../core/query';

interface Props {
  title: string;
  fileName: string;
  onBack(): void;
  tools?: ReactNode;
  /** The sheet on screen: A4 (default), A2, or bare (the document lays out its own sheets). */
  sheet?: 'a4' | 'a2' | 'bare';
  children: ReactNode;
}

export function PrintFrame({ title, fileName, onBack, tools, sheet = 'a4', children }: Props) {
  const { t } = useTranslation();
  // While a live read of the page awaits its first answer, what shows may be a query's initial
  // value (no rows, zeros), not the facts: the document says it is busy and cannot be printed yet.
  const reading = useReading();
  return (
    <div className="print-frame">
      <header className="print-toolbar no-print">
        <button type="button" onClick={onBack}>
          ← {t('common:back')}
        </button>
        <strong>{title}</strong>
        <span className="spacer" />
        {tools}
        <button type="button" className="primary" onClick={() => window.print()} disabled={reading} data-testid="print-now">
          {t('common:print')}
        </button>
        {isElectron && (
          <button type="button" disabled={reading} onClick={() => void platform.printToPdf({ suggestedName: fileName, pageSize: sheet === 'a2' ? 'A2' : 'A4' })}>
            {t('common:savePdf')}
          </button>
        )}
      </header>
      <main>
      <article className={`page ${sheet}`} data-testid="print-document" aria-busy={reading || undefined}>
        {children}
      </article>
      </main>
    </div>
  );
}
