import { LitElement } from 'lit';
import type { FormController } from './form-controller.js';

/**
 * The form API that `<sor-picker>` and `<sor-tree>` share, as native form controls have it:
 * answered by the element's `FormController`, that is by its `ElementInternals`.
 */
export abstract class SorFormElement extends LitElement {
  static formAssociated = true;

  protected abstract readonly forms: FormController;

  /** The form the element belongs to, or null. */
  get form(): HTMLFormElement | null {
    return this.forms.internals.form;
  }

  /** The constraint validity (`valueMissing` when `required` and empty). */
  get validity(): ValidityState {
    return this.forms.internals.validity;
  }

  /** The localised message when invalid, else ''. */
  get validationMessage(): string {
    return this.forms.internals.validationMessage;
  }

  /** True when the value satisfies the constraints; fires `invalid` when not. */
  checkValidity(): boolean {
    return this.forms.internals.checkValidity();
  }

  /** Like `checkValidity()`, and the browser shows the message at the element's input. */
  reportValidity(): boolean {
    return this.forms.internals.reportValidity();
  }
}
