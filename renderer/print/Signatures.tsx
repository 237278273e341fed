/** Signature lines of the chair and the secretary (or whoever is named), with the seal's place. */
import { useTranslation } from 'react-i18next';
import type { Member, MemberRole } from '../../shared/election/model';

export function Signatures({ members, roles = ['chair', 'secretary'], seal }: { members: readonly Member[]; roles?: readonly MemberRole[]; seal?: string }) {
  const { t } = useTranslation();
  return (
    <div className="signatures">
      {members
        .filter((m) => roles.includes(m.role))
        .map((m) => (
          <div key={m.id} className="signature-line">
            <span>{t(`common:role.${m.role}`)}</span>
            <span className="line" />
            <span>{m.name}</span>
          </div>
        ))}
      {seal && <div className="seal-place">{seal}</div>}
    </div>
  );
}
