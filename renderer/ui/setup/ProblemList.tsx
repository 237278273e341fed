import { useTranslation } from 'react-i18next';
import type { BundleProblem } from '../../../shared/election/bundle';
import { describeProblem } from './problems';

export function ProblemList({ title, problems }: { title: string; problems: readonly BundleProblem[] }) {
  const { t } = useTranslation();
  const shown = problems.slice(0, 50);
  return (
    <div className="alert alert-error" role="alert" data-testid="problems" data-form-problems>
      <strong>{title}</strong>
      <ul>
        {shown.map((p, i) => {
          const { field, message } = describeProblem(p, t);
          return (
            <li key={`${p.path}-${p.code}-${i}`}>
              <span className="problem-field">{field}</span>: {message}
            </li>
          );
        })}
      </ul>
      {problems.length > shown.length && <p>{t('errors:moreProblems', { count: problems.length - shown.length })}</p>}
    </div>
  );
}
