import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { userEvent, waitFor, expect } from 'storybook/test';
import { SorCatalog } from '../src/catalog/catalog.js';
import type { SorPicker } from '../src/components/picker/picker.js';
import '../src/define/sor-picker.js';
import { SMALL_REGISTER, SMALL_REGISTER_INFO, unitNamed } from '../test/fixtures/small-register.js';

// Stories get their data through an in-memory catalog, never the network.
const catalog = SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);

const inputOf = (canvas: HTMLElement) =>
  canvas.querySelector<SorPicker>('sor-picker')!.shadowRoot!.querySelector<HTMLInputElement>('input')!;

async function typeInto(canvas: HTMLElement, text: string) {
  const input = inputOf(canvas);
  await userEvent.click(input);
  await userEvent.type(input, text);
}

const meta: Meta = {
  title: 'Components/sor-picker',
  component: 'sor-picker',
  parameters: {
    docs: {
      description: {
        component:
          'An editable combobox (WAI-ARIA APG) to pick a SOR unit by name, SOR code, SHAK, EAN or ydernummer. ' +
          'Set `.catalog` to a `SorCatalog`; listen for `sor-select` to get the `SorSelection` (SOR code, ID27 level ' +
          'and level chain, path, FHIR identifier). Data in these stories is synthetic.',
      },
    },
  },
  args: { label: '', placeholder: '', 'max-results': 20 },
  render: (args) => html`
    <div style="max-width: 32rem; min-height: 22rem">
      <sor-picker
        .catalog=${catalog}
        label=${args.label}
        placeholder=${args.placeholder}
        max-results=${args['max-results']}
        value=${args.value ?? ''}
      ></sor-picker>
    </div>
  `,
};
export default meta;

type Story = StoryObj;

/** Nothing typed yet. */
export const Empty: Story = {};

/** Typing "rigshosp": Rigshospitalet first, the match highlighted, its ID27 level and SOR code shown. */
export const TypingWithResults: Story = {
  play: async ({ canvasElement }) => {
    await typeInto(canvasElement, 'rigshosp');
    await waitFor(() => expect(inputOf(canvasElement).getAttribute('aria-expanded')).toBe('true'));
  },
};

/** Danish folding: "koge" finds Køge; an arrow key makes an option active. */
export const DanishFoldingWithActiveOption: Story = {
  play: async ({ canvasElement }) => {
    await typeInto(canvasElement, 'koge');
    await waitFor(() => expect(inputOf(canvasElement).getAttribute('aria-expanded')).toBe('true'));
    await userEvent.keyboard('{ArrowDown}');
  },
};

/** A SHAK code typed or pasted: the units carrying it, with a SHAK hint. */
export const ShakCode: Story = {
  play: async ({ canvasElement }) => typeInto(canvasElement, '6620011'),
};

/** No unit matches. */
export const NoMatch: Story = {
  play: async ({ canvasElement }) => typeInto(canvasElement, 'xqzvw'),
};

/** A unit chosen (here preset through `value`, as a form restoring a stored SOR code would). */
export const Chosen: Story = {
  args: { value: unitNamed('Kardiologisk sengeafs. B1').sorCode },
};

/** The catalog has no data yet (a first sync still running). */
export const Loading: Story = {
  render: () =>
    html`<div style="max-width: 32rem; min-height: 10rem">
      <sor-picker .catalog=${new SorCatalog()}></sor-picker>
    </div>`,
  play: async ({ canvasElement }) => typeInto(canvasElement, 'rigs'),
};

/** English UI strings, chosen by the nearest `lang`. */
export const English: Story = {
  render: (args, context) => html`<div lang="en">${meta.render!(args, context)}</div>`,
  play: async ({ canvasElement }) => typeInto(canvasElement, 'xqzvw'),
};

/** `selectable-levels="Afdeling Afsnit"`: other units are listed, marked as not choosable, with the reason. */
export const SelectableLevels: Story = {
  render: () =>
    html`<div style="max-width: 32rem; min-height: 22rem">
      <sor-picker .catalog=${catalog} selectable-levels="Afdeling Afsnit"></sor-picker>
    </div>`,
  play: async ({ canvasElement }) => typeInto(canvasElement, 'hjerte'),
};

/** `resolve-level="Afdeling"`: an afsnit chosen resolves to its afdeling (the selection says from which). */
export const ResolveLevel: Story = {
  render: () =>
    html`<div style="max-width: 32rem; min-height: 22rem">
      <sor-picker .catalog=${catalog} resolve-level="Afdeling"></sor-picker>
    </div>`,
  play: async ({ canvasElement }) => typeInto(canvasElement, 'sengeafs. B1'),
};

/** `include-retired` on a date (`as-of`): a retired afsnit with "replaced by …". */
export const RetiredAsOf: Story = {
  render: () =>
    html`<div style="max-width: 32rem; min-height: 22rem">
      <sor-picker .catalog=${catalog} as-of="2026-11-26" include-retired></sor-picker>
    </div>`,
  play: async ({ canvasElement }) => typeInto(canvasElement, 'sengeafsnit M2'),
};

/** A retired unit chosen: the note names its successor with a one-click jump. */
export const RetiredChosen: Story = {
  render: () =>
    html`<div style="max-width: 32rem; min-height: 10rem">
      <sor-picker
        .catalog=${catalog}
        as-of="2026-11-26"
        include-retired
        value=${unitNamed('Medicinsk sengeafsnit M2').sorCode}
      ></sor-picker>
    </div>`,
};

/** A stored value no unit has: the invalid state with its message. */
export const UnknownValueInvalid: Story = {
  render: () =>
    html`<div style="max-width: 32rem; min-height: 10rem">
      <sor-picker .catalog=${catalog} value="99999999000016000"></sor-picker>
    </div>`,
};
