/**
 * The app's one way of saying what is wrong in a form (WCAG 3.3.1, 4.1.2):
 * - `FormField` labels its control and, when it has an error, marks the control `aria-invalid="true"`
 *   and points `aria-describedby` at the message shown under it;
 * - `Form` moves focus to the first invalid field when a submit is refused (or, when the refusal
 *   names no single field, to the form's problem summary marked `data-form-problems`).
 */
import { cloneElement, isValidElement, useEffect, useId, useRef, useState, type FormHTMLAttributes, type ReactElement, type ReactNode } from 'react';

/** What a submit handler tells the form: `'refused'` when nothing was done because of the input. */
export type SubmitOutcome = 'done' | 'refused';

/** The attributes a field gives its control. */
export interface ControlA11y {
  id?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
  'aria-describedby'?: string;
}

/** True when an error prop carries a message (empty arrays, '', null, false carry none). */
export function hasError(error: ReactNode): boolean {
  if (Array.isArray(error)) return error.some(hasError);
  return error !== undefined && error !== null && error !== false && error !== '';
}

/** Focus the first invalid control under `root`, else its problem summary. Returns what got focus. */
export function focusFirstInvalid(root: ParentNode): HTMLElement | null {
  const target =
    root.querySelector<HTMLElement>('[aria-invalid="true"]:not([disabled])') ?? root.querySelector<HTMLElement>('[data-form-problems]');
  if (!target) return null;
  if (target.hasAttribute('data-form-problems') && !target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus();
  if (target.scrollIntoView) target.scrollIntoView({ block: 'center' });
  return target;
}

type FormProps = Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'noValidate'> & {
  /** Do the submit; answer `'refused'` when the input was refused (then focus goes to the first error). */
  onSubmit(): SubmitOutcome | void | Promise<SubmitOutcome | void>;
  children: ReactNode;
};

export function Form({ onSubmit, children, ...rest }: FormProps) {
  const ref = useRef<HTMLFormElement>(null);
  // Bumped on each refusal; the effect runs after the render that shows the errors.
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0 && ref.current) focusFirstInvalid(ref.current);
  }, [refusals]);
  return (
    <form
      {...rest}
      ref={ref}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void Promise.resolve(onSubmit()).then((outcome) => {
          if (outcome === 'refused') setRefusals((n) => n + 1);
        });
      }}
    >
      {children}
    </form>
  );
}

/**
 * A labelled control with its error. The child is the control (input, select, textarea); it gets
 * `aria-invalid` and `aria-describedby` (kept alongside any description it already names).
 */
export function FormField({
  label,
  error,
  hiddenLabel,
  className,
  errorTestId,
  children,
}: {
  label: ReactNode;
  /** The message(s); nothing, '' or [] means the field is fine. */
  error?: ReactNode;
  hiddenLabel?: boolean;
  className?: string;
  errorTestId?: string;
  children: ReactElement<ControlA11y>;
}) {
  const errorId = `${useId()}-error`;
  const invalid = hasError(error);
  const control = isValidElement(children)
    ? cloneElement(children, {
        'aria-invalid': invalid ? true : undefined,
        'aria-describedby': [children.props['aria-describedby'], invalid ? errorId : undefined].filter(Boolean).join(' ') || undefined,
      })
    : children;
  return (
    <label className={['field', invalid ? 'has-error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <span className={hiddenLabel ? 'visually-hidden' : undefined}>{label}</span>
      {control}
      {invalid && (
        <span id={errorId} className="field-error" data-testid={errorTestId}>
          {error}
        </span>
      )}
    </label>
  );
}
