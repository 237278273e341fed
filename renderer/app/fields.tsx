/** Labelled form fields: a text (or number) input and a choice from a list, the app's one look. */
import type { ReactNode } from 'react';
import { FormField } from '../ui/form';

export function TextField(props: {
  label: ReactNode;
  value: string;
  onChange(value: string): void;
  testId?: string;
  numeric?: boolean;
  placeholder?: string;
  /** What is wrong with the value: marks the input invalid and is read with it. */
  error?: ReactNode;
}) {
  return (
    <FormField label={props.label} error={props.error}>
      <input
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        inputMode={props.numeric ? 'numeric' : undefined}
        placeholder={props.placeholder}
        data-testid={props.testId}
      />
    </FormField>
  );
}

export function ChoiceField<T extends string>(props: {
  label: ReactNode;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
  testId?: string;
  error?: ReactNode;
}) {
  return (
    <FormField label={props.label} error={props.error}>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as T)} data-testid={props.testId}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FormField>
  );
}
