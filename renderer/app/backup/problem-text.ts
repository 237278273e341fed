import type { TFunction } from 'i18next';
import type { BackupProblem } from '../../../shared/backup/backup-file';

/** A backup problem in words, with the field, event or laptop it names. */
export function backupProblemText(t: TFunction, problem: BackupProblem): string {
  const { code, ...params } = problem;
  const values: Record<string, string | number | boolean> = { ...params };
  if ('index' in problem) values.index = problem.index + 1;
  if ('deviceId' in problem) values.deviceId = problem.deviceId.slice(0, 8);
  return t(`backup:problem.${code}`, values);
}
