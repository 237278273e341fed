/**
 * A warning said above a register or log — on the screen an alert read out as a status, on its
 * printed copy a note of the document (numbers given twice by two laptops, one person entered twice).
 */
import type { ReactNode } from 'react';

export function ListNotice({ print = false, block = false, testId, children }: { print?: boolean; block?: boolean; testId: string; children: ReactNode }) {
  const Tag = block ? 'div' : 'p';
  return (
    <Tag className={print ? 'doc-note' : 'alert alert-warn'} {...(print ? {} : { role: 'status' })} data-testid={testId}>
      {children}
    </Tag>
  );
}
