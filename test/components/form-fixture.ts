// Forms for the form-associated elements' tests. Mounted by hand, not through `fixture()`: for an
// element that is not a Lit element it waits for an animation frame, which a background tab
// (tests run two pages at once) may never get.
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
