/** The frame of every printable document: a toolbar on screen, an A4 page on paper and in PDF. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isElectron, platform } from '../platform';

interface Props {
  title: string;
  fileName: string;
  onBack(): void;
  tools?: ReactNode;
  children: ReactNode;
}

export function PrintFrame({ title, fileName, onBack, tools, children }: Props) {
  const { t } = useTranslation();
  return (
    <div className="print-frame">
      <div className="print-toolbar no-print">
        <button type="button" onClick={onBack}>
          ← {t('common:back')}
        </button>
        <strong>{title}</strong>
        <span className="spacer" />
        {tools}
        <button type="button" className="primary" onClick={() => window.print()} data-testid="print-now">
          {t('common:print')}
        </button>
        {isElectron && (
          <button type="button" onClick={() => void platform.printToPdf({ suggestedName: fileName, pageSize: 'A4' })}>
            {t('common:savePdf')}
          </button>
        )}
      </div>
      <article className="page a4" data-testid="print-document">
        {children}
      </article>
    </div>
  );
}
