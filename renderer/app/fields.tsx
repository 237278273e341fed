/** Labelled form fields: a text (or number) input and a choice from a list, the app's one look. */
import type { ReactNode } from 'react';

export function TextField(props: {
  label: ReactNode;
  value: string;
  onChange(value: string): void;
  testId?: string;
  numeric?: boolean;
  placeholder?: string;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        inputMode={props.numeric ? 'numeric' : undefined}
        placeholder={props.placeholder}
        data-testid={props.testId}
      />
    </label>
  );
}

export function ChoiceField<T extends string>(props: {
  label: ReactNode;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
  testId?: string;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as T)} data-testid={props.testId}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
