import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the element says about its value when the form asks (on every update). */
export interface FormValidation {
  /** The localised "please choose" message for `required`. */
  required: string;
  /**
   * Why the value cannot be submitted ('' when it can): codes no unit has, a SHAK several units
   * carry, a SHAK not yet resolved. The field is then invalid (`badInput`) and submits nothing.
   */
  badValue: string;
  /** The SOR codes to submit: `value`'s codes, with a SHAK replaced by the SOR code it resolved to. */
  codes: readonly string[];
  /** The element the browser anchors its message to. */
  anchor: HTMLElement | null;
}

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
 * digits only); each code is submitted as its own field, like a `<select multiple>`. Only SOR codes
 * of units in the data are submitted: a SHAK given with `value-type="shak"` is submitted as the SOR
 * code it resolved to, and a value that names no unit, or a SHAK several units carry, makes the
 * field invalid (`badInput`) and submits nothing.
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
    /** Asked on every update: the messages, what to submit, where to anchor the message. */
    private readonly validation: () => FormValidation,
  ) {
    this.internals = host.attachInternals();
    host.addController(this);
    host.addEventListener('invalid', () => {
      this.reported = true;
      host.requestUpdate();
    });
  }

  /** The codes of `value` as given (split on spaces with `multiple`). */
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
    return this.reported && this.missingNow() ? this.validation().required : '';
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
    const { required, badValue, codes, anchor } = this.validation();
    let submitted: FormData | string | null = null;
    if (badValue) {
      // Nothing is submitted as if valid, also from a form with `novalidate`.
    } else if (host.name && codes.length > 1) {
      submitted = new FormData();
      for (const code of codes) submitted.append(host.name, code);
    } else if (codes.length === 1) {
      submitted = codes[0];
    }
    // The state (second argument) is what the browser hands back to formStateRestoreCallback:
    // the value as given, so a restored SHAK is resolved again against the data then loaded.
    internals.setFormValue(submitted, host.value);
    if (badValue) {
      internals.setValidity({ badInput: true }, badValue, anchor ?? undefined);
    } else if (this.missingNow()) {
      internals.setValidity({ valueMissing: true }, required, anchor ?? undefined);
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
