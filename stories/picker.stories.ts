import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { userEvent, waitFor, expect } from 'storybook/test';
import { SorCatalog } from '../src/catalog/catalog.js';
import type { SorOptionRenderer, SorPicker } from '../src/components/picker/picker.js';
import { levellessCatalog } from '../test/fixtures/levelless-register.js';
import '../src/define/sor-picker.js';
import { clonedRegister } from '../test/fixtures/cloned-register.js';
import { SMALL_REGISTER, SMALL_REGISTER_INFO, unitNamed } from '../test/fixtures/small-register.js';

// Stories get their data through an in-memory catalog, never the network.
const catalog = SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);

const inputOf = (canvas: HTMLElement) =>
  canvas.querySelector<SorPicker>('sor-picker')!.shadowRoot!.querySelector<HTMLInputElement>('input')!;

// A docs page shows every story at once and runs all their play functions (docs.story.autoplay).
// Typed through focus, only the last picker would stay open: each blur closes the one before.
// There the text and keys go straight to each input as events, without moving focus.
const onDocsPage = (canvas: HTMLElement) => canvas.closest('#storybook-docs') !== null;

async function typeInto(canvas: HTMLElement, text: string) {
  const input = inputOf(canvas);
  if (onDocsPage(canvas)) {
    input.value = text;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: text }));
    return;
  }
  await userEvent.click(input);
  await userEvent.type(input, text);
}

/** Types `query` and waits until the list is open (`timeout` in ms for a large catalog). */
async function searchFor(canvas: HTMLElement, query: string, timeout?: number) {
  await typeInto(canvas, query);
  await waitFor(() => expect(inputOf(canvas).getAttribute('aria-expanded')).toBe('true'), { timeout });
}

const hasOptions = (root: ShadowRoot) => root.querySelector('[role="option"]') !== null;

/** Submits the story's form as its button would; on a docs page without moving focus (and the page). */
async function submit(canvas: HTMLElement) {
  if (onDocsPage(canvas)) canvas.querySelector('form')!.requestSubmit();
  else await userEvent.click(canvas.querySelector('button')!);
}

/** Presses `key` (e.g. `ArrowDown`) in the picker's input, as a person at the keyboard would. */
async function press(canvas: HTMLElement, key: string) {
  if (!onDocsPage(canvas)) return userEvent.keyboard(`{${key}}`);
  const input = inputOf(canvas);
  // The search answers asynchronously; a key before its options exist would move nothing.
  await waitFor(() => expect(hasOptions(input.getRootNode() as ShadowRoot)).toBe(true));
  input.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
  await canvas.querySelector<SorPicker>('sor-picker')!.updateComplete;
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
  // Every attribute is a control on the docs page and in the canvas.
  args: {
    label: '',
    placeholder: '',
    'max-results': 20,
    'min-chars': 1,
    debounce: 0,
    'group-by': '',
    'value-type': 'sor',
    'selectable-levels': '',
    'resolve-level': '',
    'as-of': '',
    'include-retired': false,
    multiple: false,
    required: false,
    disabled: false,
    readonly: false,
  },
  render: (args) => html`
    <div style="max-width: 32rem; min-height: 22rem">
      <sor-picker
        .catalog=${catalog}
        label=${args.label}
        placeholder=${args.placeholder}
        max-results=${args['max-results']}
        min-chars=${args['min-chars']}
        debounce=${args.debounce}
        group-by=${args['group-by']}
        value-type=${args['value-type']}
        selectable-levels=${args['selectable-levels']}
        resolve-level=${args['resolve-level']}
        as-of=${args['as-of']}
        ?include-retired=${args['include-retired']}
        ?multiple=${args.multiple}
        ?required=${args.required}
        ?disabled=${args.disabled}
        ?readonly=${args.readonly}
        value=${args.value ?? ''}
      ></sor-picker>
    </div>
  `,
};
export default meta;

type Story = StoryObj;

/**
 * A story of one picker as `picker()` renders it, in a box as wide as a form field and
 * `minHeight` tall (room for the list it opens); with a `query`, its play function types it.
 */
function pickerStory(
  picker: () => TemplateResult,
  { query, minHeight = '22rem' }: { query?: string; minHeight?: string } = {},
): Story {
  return {
    render: () => html`<div style="max-width: 32rem; min-height: ${minHeight}">${picker()}</div>`,
    ...(query === undefined ? {} : { play: ({ canvasElement }) => typeInto(canvasElement, query) }),
  };
}

/** Typing "rigshosp": Rigshospitalet first, the match highlighted, its ID27 level and SOR code shown. */
export const TypingWithResults: Story = {
  play: ({ canvasElement }) => searchFor(canvasElement, 'rigshosp'),
};

// Second, so that the docs page opens on a search with results (its first story is the one on top).
/** Nothing typed yet. */
export const Empty: Story = {};

/** Danish folding: "koge" finds Køge; an arrow key makes an option active. */
export const DanishFoldingWithActiveOption: Story = {
  play: async ({ canvasElement }) => {
    await searchFor(canvasElement, 'koge');
    await press(canvasElement, 'ArrowDown');
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
export const Loading = pickerStory(() => html`<sor-picker .catalog=${new SorCatalog()}></sor-picker>`, {
  query: 'rigs',
  minHeight: '10rem',
});

/** English UI strings, chosen by the nearest `lang`. */
export const English: Story = {
  render: (args, context) => html`<div lang="en">${meta.render!(args, context)}</div>`,
  play: async ({ canvasElement }) => typeInto(canvasElement, 'xqzvw'),
};

/** `selectable-levels="Afdeling Afsnit"`: other units are listed, marked as not choosable, with the reason. */
export const SelectableLevels = pickerStory(
  () => html`<sor-picker .catalog=${catalog} selectable-levels="Afdeling Afsnit"></sor-picker>`,
  { query: 'hjerte' },
);

/** `resolve-level="Afdeling"`: an afsnit chosen resolves to its afdeling (the selection says from which). */
export const ResolveLevel = pickerStory(
  () => html`<sor-picker .catalog=${catalog} resolve-level="Afdeling"></sor-picker>`,
  { query: 'sengeafs. B1' },
);

/** `include-retired` on a date (`as-of`): a retired afsnit with "replaced by …". */
export const RetiredAsOf = pickerStory(
  () => html`<sor-picker .catalog=${catalog} as-of="2026-11-26" include-retired></sor-picker>`,
  { query: 'sengeafsnit M2' },
);

/** A retired unit chosen: the note names its successor with a one-click jump. */
export const RetiredChosen = pickerStory(
  () =>
    html`<sor-picker
      .catalog=${catalog}
      as-of="2026-11-26"
      include-retired
      value=${unitNamed('Medicinsk sengeafsnit M2').sorCode}
    ></sor-picker>`,
  { minHeight: '10rem' },
);

/** A stored value no unit has: the invalid state with its message. */
export const UnknownValueInvalid = pickerStory(
  () => html`<sor-picker .catalog=${catalog} value="99999999000016000"></sor-picker>`,
  { minHeight: '10rem' },
);

/**
 * A snapshot built without ID27 levels (no level elements in the export, no side file): with
 * `selectable-levels="Afdeling Afsnit"` every unit can still be chosen, and the note says why.
 */
export const NoLevelsInSnapshot = pickerStory(
  () => html`<sor-picker .catalog=${levellessCatalog()} selectable-levels="Afdeling Afsnit"></sor-picker>`,
  { query: 'hjerte' },
);

/**
 * `value-type="shak"` with a SHAK two units carry: invalid until the user chooses, the message
 * names both, and opening the list (↓) shows them. Nothing is submitted meanwhile.
 */
export const AmbiguousShak = pickerStory(
  () =>
    html`<sor-picker .catalog=${catalog} value-type="shak" value="1301011" as-of="2026-11-26"></sor-picker>`,
);

/** Danish UI strings (the default), chosen by the nearest `lang`. */
export const Danish: Story = {
  render: (args, context) => html`<div lang="da">${meta.render!(args, context)}</div>`,
  play: async ({ canvasElement }) => typeInto(canvasElement, 'xqzvw'),
};

/**
 * Dark: the picker's colours are system colours (`Canvas`, `CanvasText`, `Field`), so it follows
 * the `color-scheme` of the page around it. Here a wrapper sets `color-scheme: dark`; a page with
 * `color-scheme: light dark` gets the same from the user's setting.
 */
export const Dark: Story = {
  render: (args, context) =>
    html`<div style="color-scheme: dark; background: Canvas; color: CanvasText; padding: 1rem">
      ${meta.render!(args, context)}
    </div>`,
  play: async ({ canvasElement }) => {
    await searchFor(canvasElement, 'rigshosp');
    await press(canvasElement, 'ArrowDown');
  },
};

/** Right-to-left: in a `dir="rtl"` page the label, input, badges and codes mirror. */
export const RightToLeft: Story = {
  render: (args, context) => html`<div dir="rtl">${meta.render!(args, context)}</div>`,
  play: ({ canvasElement }) => searchFor(canvasElement, 'rigshosp'),
};

// Rigshospitalet chosen as the sender, in a `state` that keeps the choice from being changed.
const lockedSender = (state: 'disabled' | 'readonly') =>
  pickerStory(
    () =>
      html`<sor-picker
        .catalog=${catalog}
        label="Afsender"
        ?disabled=${state === 'disabled'}
        ?readonly=${state === 'readonly'}
        value=${unitNamed('Rigshospitalet').sorCode}
      ></sor-picker>`,
    { minHeight: 'auto' },
  );

/** `disabled`: cannot be focused or used, and is not submitted with its form. */
export const Disabled = lockedSender('disabled');

/** `readonly`: the chosen unit is shown and submitted, but cannot be changed. */
export const ReadOnly = lockedSender('readonly');

/**
 * `required` and empty: the form is invalid, and once checked (as a submit does) the picker shows
 * the localised message and is `aria-invalid`. The play function calls `checkValidity()` rather
 * than clicking submit, so the browser's own validation bubble stays out of the screenshot.
 */
export const RequiredAndInvalid: Story = {
  render: () =>
    html`<form style="max-width: 32rem" @submit=${(event: Event) => event.preventDefault()}>
      <sor-picker .catalog=${catalog} label="Modtager" name="receiver" required></sor-picker>
      <p><button>Send henvisning</button></p>
    </form>`,
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('form')!.checkValidity()).toBe(false);
    await waitFor(() => expect(inputOf(canvasElement).getAttribute('aria-invalid')).toBe('true'));
  },
};

/**
 * In a form: the picker is form-associated, so the chosen SOR code is submitted under `name`,
 * like a native field. The form below shows what it would submit.
 */
export const InAForm: Story = {
  render: () => {
    const show = (event: Event) => {
      event.preventDefault();
      const form = event.currentTarget as HTMLFormElement;
      form.querySelector('output')!.value = JSON.stringify([...new FormData(form)]);
    };
    return html`<form style="max-width: 32rem; min-height: 14rem" @submit=${show}>
      <sor-picker .catalog=${catalog} label="Modtager" name="receiver" required></sor-picker>
      <p><button>Send henvisning</button></p>
      <p>Indsendt: <output></output></p>
    </form>`;
  },
  play: async ({ canvasElement }) => {
    await searchFor(canvasElement, 'rigshosp');
    await press(canvasElement, 'ArrowDown');
    await press(canvasElement, 'Enter');
    await submit(canvasElement);
    await waitFor(() => expect(canvasElement.querySelector('output')!.value).toContain('receiver'));
  },
};

/** `multiple`: every chosen unit is a removable chip; the form gets each SOR code as its own field. */
export const Multiple = pickerStory(
  () =>
    html`<sor-picker
      .catalog=${catalog}
      label="Kopimodtagere"
      name="cc"
      multiple
      value="${unitNamed('Rigshospitalet').sorCode} ${unitNamed('Kardiologisk sengeafs. B1').sorCode}"
    ></sor-picker>`,
);

/** A vendor's own option row through `renderOption`: here the EAN location number is added. */
export const CustomRenderer: Story = {
  render: () => {
    const renderOption: SorOptionRenderer = (unit, { name }) =>
      html`<span class="name">${name}</span>
        <span style="display: block; font-size: 0.8125em"
          >EAN ${unit.ean ?? '–'} · SOR ${unit.sorCode}</span
        >`;
    return html`<div style="max-width: 32rem; min-height: 22rem">
      <sor-picker .catalog=${catalog} .renderOption=${renderOption}></sor-picker>
    </div>`;
  },
  play: ({ canvasElement }) => typeInto(canvasElement, 'rigshosp'),
};

/**
 * A vendor's brand: set the documented custom properties on any ancestor (here a wrapper; `:root`
 * works too). No `::part` needed for colours, radius and the active option.
 */
export const VendorBrand: Story = {
  render: (args, context) =>
    html`<div
      style="
        --sor-color-accent: #00665e;
        --sor-color-accent-subtle: #dff3f0;
        --sor-color-border: #00665e;
        --sor-color-text-subtle: #33524f;
        --sor-radius: 0.75rem;
        --sor-picker-option-active-bg: #c4ebe5;
        font-family: Georgia, serif;
      "
    >
      ${meta.render!(args, context)}
    </div>`,
  play: async ({ canvasElement }) => {
    await searchFor(canvasElement, 'hjerte');
    await press(canvasElement, 'ArrowDown');
  },
};

// About 100,000 units, generated in the browser by cloning the small register's institutions:
// a static Storybook build has no snapshot host to load the national demo snapshot from.
const NATIONAL_COPIES = 2000;

/** 100,008 generated units (synthetic): search stays fast, the result list is virtualised. */
export const HundredThousandUnits: Story = {
  loaders: [
    async () => ({
      catalog: SorCatalog.fromUnits(clonedRegister({ copies: NATIONAL_COPIES }), {
        snapshotId: 'cloned-100k',
        sourceDate: SMALL_REGISTER_INFO.sourceDate,
      }),
    }),
  ],
  render: (_args, { loaded }) =>
    html`<div style="max-width: 32rem; min-height: 22rem">
      <sor-picker .catalog=${loaded.catalog as SorCatalog} max-results="200"></sor-picker>
    </div>`,
  play: ({ canvasElement }) => searchFor(canvasElement, 'kardiolog', 10_000),
};
