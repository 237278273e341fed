/** Every printable form of the count night in one place, in the order the night needs them. */
import { useTranslation } from 'react-i18next';
import { navigate, type Route } from '../../../app/router';
import { useProtocolState } from '../../../core/protocol-queries';
import { choosePrintCopy } from '../ProtocolPrintPage';
import { PRINT_VERSION_KEY } from '../VersionsPanel';

export function PrintsMenu() {
  const { t } = useTranslation();
  const state = useProtocolState();
  const signed = state.current !== null;
  const open = (route: Route, before?: () => void) => () => {
    before?.();
    navigate(route);
  };
  const items: { key: string; route: Route; needsSigned: boolean; before?: () => void }[] = [
    { key: 'actIssued', route: 'print-act-issued', needsSigned: false },
    { key: 'actBallots', route: 'print-act-ballots', needsSigned: false },
    { key: 'copy1', route: 'print-protocol', needsSigned: true, before: () => { sessionStorage.removeItem(PRINT_VERSION_KEY); choosePrintCopy({ kind: 'original', n: 1 }); } },
    { key: 'copy2', route: 'print-protocol', needsSigned: true, before: () => { sessionStorage.removeItem(PRINT_VERSION_KEY); choosePrintCopy({ kind: 'original', n: 2 }); } },
    { key: 'meeting', route: 'print-meeting', needsSigned: false },
    { key: 'enlarged', route: 'print-enlarged', needsSigned: false },
    { key: 'copiesLog', route: 'print-copies', needsSigned: false },
    { key: 'handover', route: 'print-handover', needsSigned: false },
  ];
  return (
    <div className="prints-menu" data-testid="prints-menu">
      <div className="screen-head">
        <h1>{t('prints:menuTitle')}</h1>
        <div className="actions">
          <button type="button" onClick={() => navigate('protocol')}>
            {t('ledger:toProtocol')}
          </button>
        </div>
      </div>
      <ol className="card prints-list">
        {items.map((item) => (
          <li key={item.key}>
            <div>
              <strong>{t(`prints:menu.${item.key}`)}</strong>
              <p className="hint">{t(`prints:menuHint.${item.key}`)}</p>
            </div>
            <button type="button" onClick={open(item.route, item.before)} disabled={item.needsSigned && !signed} data-testid={`prints-${item.key}`}>
              {item.needsSigned && !signed ? t('prints:needsSigned') : t('common:print')}
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
