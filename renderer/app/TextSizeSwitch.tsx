/** The large-text setting in the top bar. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setTextSize, storedTextSize, TEXT_SIZES, type TextSize } from './text-size';

export function TextSizeSwitch() {
  const { t } = useTranslation();
  const id = useId();
  const [size, setSize] = useState<TextSize>(storedTextSize);
  return (
    <span className="text-size">
      <label htmlFor={id}>{t('display:textSize')}</label>
      <select
        id={id}
        value={size}
        data-testid="text-size"
        onChange={(e) => {
          const next = Number(e.target.value) as TextSize;
          setSize(next);
          setTextSize(next);
        }}
      >
        {TEXT_SIZES.map((s) => (
          <option key={s} value={s}>
            {t('display:percent', { value: s })}
          </option>
        ))}
      </select>
    </span>
  );
}
