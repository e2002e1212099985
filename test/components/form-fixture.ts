// Forms for the form-associated elements' tests. Mounted by hand, not through `fixture()`: for an
// element that is not a Lit element it waits for an animation frame, which a background tab
// (tests run two pages at once) may never get.
import { expect } from '@open-wc/testing';
import { html, render, type ReactiveElement, type TemplateResult } from 'lit';

const mounted: HTMLElement[] = [];
afterEach(() => mounted.splice(0).forEach((host) => host.remove()));

/** Renders a template holding a `<form>` into the page; resolves once its SOR elements rendered. */
export async function mount(template: TemplateResult): Promise<HTMLFormElement> {
  const host = document.createElement('div');
  render(template, host);
  document.body.append(host);
  mounted.push(host);
  const form = host.querySelector('form')!;
  await Promise.all(
    [...form.querySelectorAll<ReactiveElement>('sor-picker, sor-tree')].map(
      (element) => element.updateComplete,
    ),
  );
  return form;
}

/** A form with one element (matched by `tag`) and a submit button. */
export async function inForm<T extends ReactiveElement>(
  tag: string,
  element: TemplateResult,
): Promise<{ form: HTMLFormElement; element: T }> {
  const form = await mount(html`<form>${element}<button>Send</button></form>`);
  return { form, element: form.querySelector<T>(tag)! };
}

/** What `expectRequiredBlocksSubmit` reads of a form element. */
type RequiredElement = ReactiveElement & { checkValidity(): boolean; validationMessage: string };

/**
 * A required, empty `element` blocks the submit of `form`: it is invalid with `message`, and the
 * message also shows in the page (a validation bubble vanishes), tied to `control()` (its input or
 * tree) by `aria-describedby`. Returns whether a submit has gone through since, for the test's
 * later steps.
 */
export async function expectRequiredBlocksSubmit(
  form: HTMLFormElement,
  element: RequiredElement,
  control: () => Element,
  message: string,
): Promise<() => boolean> {
  let submitted = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitted = true;
  });
  expect(element.checkValidity()).to.equal(false);
  expect(element.validationMessage).to.equal(message);
  expect(control().getAttribute('aria-required')).to.equal('true');
  form.requestSubmit();
  expect(submitted).to.equal(false);
  await element.updateComplete;
  expect(element.shadowRoot!.querySelector('#invalid')!.textContent).to.equal(message);
  expect(control().getAttribute('aria-invalid')).to.equal('true');
  expect(control().getAttribute('aria-describedby')).to.equal('invalid');
  await expect(element).to.be.accessible();
  return () => submitted;
}
