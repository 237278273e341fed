/**
 * A file input whose button and "no file" text are in the UI language: the browser's own control
 * says "Choose File" / "No file chosen" in the browser's language whatever the app's is. The real
 * input stays in the page (visually hidden, still focusable and reachable by tests and screen
 * readers); the label is its button.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function FilePicker({ accept, testId, onFile, label }: { accept: string; testId: string; onFile(file: File | null): void; label?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState<string | null>(null);
  return (
    <span className="file-picker">
      <input
        id={id}
        type="file"
        className="visually-hidden"
        accept={accept}
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0] ?? null;
          setName(file?.name ?? null);
          onFile(file);
          // Choosing the same file again must read it again (it may have been fixed meanwhile).
          e.target.value = '';
        }}
      />
      <label htmlFor={id} className="button">
        {label ?? t('common:chooseFile')}
      </label>
      <span className="muted">{name ?? t('common:noFileChosen')}</span>
    </span>
  );
}
