import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FormField, focusFirstInvalid, hasError } from '../../../../renderer/ui/form';

/** The attributes of the one element with `tag` in the markup. */
function attrsOf(html: string, tag: string): Record<string, string> {
  const m = new RegExp(`<${tag}\\b([^>]*)>`, 'u').exec(html);
  if (!m) throw new Error(`no <${tag}> in ${html}`);
  return Object.fromEntries([...(m[1] ?? '').matchAll(/([\w-]+)="([^"]*)"/gu)].map((a) => [a[1], a[2]]));
}

describe('a form field says what is wrong with it', () => {
  it('with an error: the control is aria-invalid and described by the shown message', () => {
    const html = renderToStaticMarkup(
      <FormField label="Surname" error="write the surname">
        <input data-testid="surname" />
      </FormField>,
    );
    const input = attrsOf(html, 'input');
    expect(input['aria-invalid']).toBe('true');
    const described = input['aria-describedby'];
    expect(described).toBeTruthy();
    // The id it names is the element that carries the message.
    expect(html).toMatch(new RegExp(`<span id="${described}" class="field-error">write the surname</span>`, 'u'));
    expect(html).toContain('class="field has-error"');
  });

  it('keeps a description the control already had, then the error', () => {
    const html = renderToStaticMarkup(
      <FormField label="Reason" error={['too short']}>
        <textarea aria-describedby="reason-hint" />
      </FormField>,
    );
    const ids = (attrsOf(html, 'textarea')['aria-describedby'] ?? '').split(' ');
    expect(ids[0]).toBe('reason-hint');
    expect(ids).toHaveLength(2);
    expect(html).toContain(`id="${ids[1]}"`);
  });

  it('without an error: no aria-invalid, no description, no message', () => {
    for (const error of [undefined, null, '', [], false]) {
      const html = renderToStaticMarkup(
        <FormField label="Name" error={error}>
          <input />
        </FormField>,
      );
      const input = attrsOf(html, 'input');
      expect(input['aria-invalid']).toBeUndefined();
      expect(input['aria-describedby']).toBeUndefined();
      expect(html).not.toContain('field-error');
    }
    expect(hasError([null, ''])).toBe(false);
    expect(hasError([null, 'x'])).toBe(true);
  });
});

describe('a refused submit focuses the first error', () => {
  /** A minimal stand-in for the DOM the form searches (no DOM in the unit environment). */
  function fakeRoot(found: Record<string, FakeEl | null>) {
    return { querySelector: (selector: string) => found[selector] ?? null } as unknown as ParentNode;
  }
  class FakeEl {
    focused = false;
    tabIndex = 0;
    constructor(private readonly attrs: Record<string, string>) {}
    hasAttribute(name: string) {
      return name in this.attrs;
    }
    focus() {
      this.focused = true;
    }
  }

  it('the first invalid field, before any problem summary', () => {
    const field = new FakeEl({ 'aria-invalid': 'true' });
    const summary = new FakeEl({ 'data-form-problems': '' });
    const got = focusFirstInvalid(fakeRoot({ '[aria-invalid="true"]:not([disabled])': field, '[data-form-problems]': summary }));
    expect(got).toBe(field);
    expect(field.focused).toBe(true);
    expect(summary.focused).toBe(false);
  });

  it('the problem summary (made focusable) when no one field is invalid; nothing when there is neither', () => {
    const summary = new FakeEl({ 'data-form-problems': '' });
    expect(focusFirstInvalid(fakeRoot({ '[data-form-problems]': summary }))).toBe(summary);
    expect(summary.focused).toBe(true);
    expect(summary.tabIndex).toBe(-1);
    expect(focusFirstInvalid(fakeRoot({}))).toBeNull();
  });
});
