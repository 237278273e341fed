import { useTranslation } from 'react-i18next';
import type { FieldChange } from '../../../shared/setup/history';
import { describeChangePath } from './change-path';

const MAX_SHOWN = 40;

export function ChangeList({ changes }: { changes: readonly FieldChange[] }) {
  const { t } = useTranslation();
  if (changes.length === 0) return <p className="hint">{t('profile:noChanges')}</p>;
  return (
    <ul className="change-list">
      {changes.slice(0, MAX_SHOWN).map((c) => (
        <li key={c.path}>
          <span className="change-field">{describeChangePath(c.path, t)}</span>{' '}
          {c.before !== null && <del>{c.before}</del>}
          {c.before !== null && c.after !== null && ' → '}
          {c.after !== null && <ins>{c.after}</ins>}
        </li>
      ))}
      {changes.length > MAX_SHOWN && <li>{t('profile:moreChanges', { count: changes.length - MAX_SHOWN })}</li>}
    </ul>
  );
}
