import type { TFunction } from 'i18next';

/** `members[m9001-3].name` → "Member m9001-3 › Name", `precinct.address` → "Precinct › Address". */
export function describeChangePath(path: string, t: TFunction): string {
  const m = /^(members|candidates)\[([^\]]+)\]\.(.+)$/u.exec(path);
  if (m && m[1] && m[2] && m[3]) {
    const section = m[1] === 'members' ? 'member' : 'candidate';
    return `${t(`fields:section.${m[1]}`)} (${m[2]}) › ${t(`fields:${section}.${m[3]}`, { defaultValue: m[3] })}`;
  }
  const [head, ...rest] = path.split('.');
  if (head === 'againstAll') return t('fields:againstAll');
  if (!head || rest.length === 0) return path;
  const words = rest.map((seg) => t(`fields:${head}.${seg}`, { defaultValue: seg }));
  return [t(`fields:section.${head}`, { defaultValue: head }), ...words].join(' › ');
}
