import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What a form-associated SOR element tells its `FormController`. */
export interface FormControllerHost extends ReactiveControllerHost, HTMLElement {
  name: string;
  value: string;
  required: boolean;
  disabled: boolean;
  readonly: boolean;
  /** Several codes in `value`, separated by spaces; absent or false: one code. */
  multiple?: boolean;
}

/**
 * Makes a `<sor-picker>` or `<sor-tree>` take part in a `<form>` through `ElementInternals`
 * (https://html.spec.whatwg.org/multipage/custom-elements.html#form-associated-custom-elements):
 * submits the SOR code(s) under `name`, checks `required`, follows a disabled fieldset, and
 * brings back the initial value on reset and the last value after navigation.
 *
 * `value` holds one SOR code, or with `multiple` the codes separated by spaces (SOR codes are
 * digits only); each code is submitted as its own field, like a `<select multiple>`. What is
 * submitted is `value` as given (a SHAK with `value-type="shak"` until a choice replaces it).
 *
 * The element extends `SorFormElement` (form-associated, with the form API answered from here)
 * and forwards the browser's callbacks (`formResetCallback`, `formStateRestoreCallback`,
 * `formDisabledCallback`) here.
 */
export class FormController implements ReactiveController {
  readonly internals: ElementInternals;
  // The browser's word (formDisabledCallback): disabled by the attribute or a disabled fieldset.
  private formDisabled = false;
  // The value the page gave before any user action: what a form reset restores.
  private initial: string | null = null;
  // Set once the browser reported the element invalid (`invalid` event), so the message then also
  // shows in the page until a value is chosen: a bubble alone vanishes.
  private reported = false;

  constructor(
    private readonly host: FormControllerHost,
    /** The localised "please choose" message, and the element the browser anchors it to. */
    private readonly missing: () => { message: string; anchor: HTMLElement | null },
  ) {
    this.internals = host.attachInternals();
    host.addController(this);
    host.addEventListener('invalid', () => {
      this.reported = true;
      host.requestUpdate();
    });
  }

  /** The submitted codes. */
  get values(): string[] {
    const { value, multiple } = this.host;
    return (multiple ? value.split(/\s+/) : [value.trim()]).filter(Boolean);
  }

  /** True when disabled by the attribute or by a disabled fieldset. */
  get disabled(): boolean {
    return this.host.disabled || this.formDisabled;
  }

  /** The message to show in the page: the required message once the browser reported it. */
  get error(): string {
    return this.reported && this.missingNow() ? this.missing().message : '';
  }

  // A read-only control is barred from constraint validation, as a native readonly input is.
  private missingNow(): boolean {
    return this.host.required && !this.host.readonly && this.values.length === 0;
  }

  hostConnected(): void {
    this.initial ??= this.host.value;
  }

  hostUpdated(): void {
    const { host, internals } = this;
    const values = this.values;
    let submitted: FormData | string | null = null;
    if (host.name && values.length > 1) {
      submitted = new FormData();
      for (const code of values) submitted.append(host.name, code);
    } else if (values.length === 1) {
      submitted = values[0];
    }
    // The state (second argument) is what the browser hands back to formStateRestoreCallback.
    internals.setFormValue(submitted, host.value);
    const { message, anchor } = this.missing();
    if (this.missingNow()) {
      internals.setValidity({ valueMissing: true }, message, anchor ?? undefined);
    } else {
      internals.setValidity({});
      this.reported = false;
    }
  }

  /** The form was reset: back to the value the page gave. */
  reset(): void {
    this.reported = false;
    this.host.value = this.initial ?? '';
  }

  /** The browser restores the value after navigation or autofill (the state given in `setFormValue`). */
  restore(state: string | File | FormData | null): void {
    if (typeof state === 'string') this.host.value = state;
  }

  /** From `formDisabledCallback`: the attribute or a disabled fieldset around the element changed. */
  setDisabled(disabled: boolean): void {
    this.formDisabled = disabled;
    this.host.requestUpdate();
  }
}
