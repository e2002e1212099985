import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor } from 'storybook/test';
import { SorCatalog } from '../src/catalog/catalog.js';
import type { SorTree } from '../src/components/tree/tree.js';
import { levellessCatalog } from '../test/fixtures/levelless-register.js';
import '../src/define/sor-tree.js';
import {
  aarhusCardiologyWard,
  koegeRetired,
  SMALL_REGISTER,
  SMALL_REGISTER_INFO,
} from '../test/fixtures/small-register.js';

// Stories get their data through an in-memory catalog, never the network.
const catalog = SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);

const treeOf = (canvas: HTMLElement) => canvas.querySelector<SorTree>('sor-tree')!;

interface TreeArgs {
  value: string;
  'value-type': 'sor' | 'shak';
  'selectable-levels': string;
  'resolve-level': string;
  'as-of': string;
  'include-retired': boolean;
  'show-shak': boolean;
  /** Unset: the toolbar's language. */
  lang?: 'da' | 'en';
}

const meta: Meta<TreeArgs> = {
  title: 'Components/sor-tree',
  component: 'sor-tree',
  parameters: {
    docs: {
      description: {
        component:
          'The SOR hierarchy as a WAI-ARIA APG tree: owners → institutions → units, opened lazily, rows ' +
          'virtualised. Each row shows the name, the ID27 level badge and the SOR code (the SHAK code with ' +
          '`show-shak`). Choosing fires `sor-select` with the `SorSelection`. Data in these stories is synthetic.',
      },
    },
  },
  args: {
    value: '',
    'value-type': 'sor',
    'selectable-levels': '',
    'resolve-level': '',
    'as-of': '2026-11-26',
    'include-retired': false,
    'show-shak': false,
  },
  argTypes: {
    'value-type': { control: 'inline-radio', options: ['sor', 'shak'] },
    lang: { control: 'inline-radio', options: ['da', 'en'] },
  },
  render: (args) => html`
    <div style="max-width: 40rem" lang=${ifDefined(args.lang)}>
      <sor-tree
        .catalog=${catalog}
        value=${args.value}
        value-type=${args['value-type']}
        selectable-levels=${args['selectable-levels']}
        resolve-level=${args['resolve-level']}
        as-of=${args['as-of']}
        ?include-retired=${args['include-retired']}
        ?show-shak=${args['show-shak']}
      ></sor-tree>
    </div>
  `,
};
export default meta;

type Story = StoryObj<TreeArgs>;

/** The owners, closed. */
export const Default: Story = {};

/** A deep path open: Aarhus Universitetshospital with all six ID27 levels down to an afsnit. */
export const ExpandedDeepPath: Story = {
  play: async ({ canvasElement }) => {
    const tree = treeOf(canvasElement);
    await tree.updateComplete;
    tree.reveal(aarhusCardiologyWard.sorCode);
  },
};

/** The filter narrowed to matches, their ancestors opened, the match highlighted. */
export const FilterWithMatches: Story = {
  play: async ({ canvasElement }) => {
    const input = treeOf(canvasElement).shadowRoot!.querySelector('input')!;
    await userEvent.type(input, 'kardiolog');
    await waitFor(() =>
      expect(treeOf(canvasElement).shadowRoot!.querySelectorAll('mark').length).toBeGreaterThan(0),
    );
  },
};

/** `selectable-levels="Afdeling Afsnit"`: the hospital and centre rows can be browsed, not chosen. */
export const SelectableLevels: Story = {
  args: { 'selectable-levels': 'Afdeling Afsnit' },
  play: async ({ canvasElement }) => {
    const tree = treeOf(canvasElement);
    await tree.updateComplete;
    tree.reveal(aarhusCardiologyWard.sorCode);
  },
};

/** `resolve-level="Afdeling"`: choosing an afsnit gives its afdeling, with `resolvedFrom`. */
export const ResolveLevel: Story = {
  args: { 'resolve-level': 'Afdeling', value: aarhusCardiologyWard.sorCode },
};

/** Legacy SHAK codes shown, subdued. */
export const ShowShak: Story = {
  args: { 'show-shak': true, value: aarhusCardiologyWard.sorCode },
};

/** `include-retired`: a retired afsnit marked, with "replaced by" and a jump to its successor. */
export const RetiredIncluded: Story = {
  args: { 'include-retired': true, value: koegeRetired.sorCode },
};

/** A preselected value: its path open, the row selected and scrolled into view, its path as a breadcrumb. */
export const Preselected: Story = {
  args: { value: aarhusCardiologyWard.sorCode },
};

/** A preselected SHAK code (`value-type="shak"`), migrated to its SOR unit. */
export const PreselectedShak: Story = {
  args: { value: '6620011', 'value-type': 'shak' },
};

/** A value no unit has: the invalid state with its message. */
export const UnknownValueInvalid: Story = {
  args: { value: '99999999000016000' },
};

/** A snapshot built without ID27 levels: `selectable-levels` blocks nothing, and the note says why. */
export const NoLevelsInSnapshot: Story = {
  args: { 'selectable-levels': 'Afdeling Afsnit' },
  render: (args) => html`
    <div style="max-width: 40rem" lang=${args.lang}>
      <sor-tree
        .catalog=${levellessCatalog()}
        selectable-levels=${args['selectable-levels']}
        as-of=${args['as-of']}
      ></sor-tree>
    </div>
  `,
};

/** `value-type="shak"` with a SHAK two units carry: invalid, the message names both, nothing submitted. */
export const AmbiguousShak: Story = {
  args: { value: '1301011', 'value-type': 'shak' },
};

/** Danish UI strings (`lang="da"`). */
export const Danish: Story = {
  args: { lang: 'da', 'selectable-levels': 'Afdeling Afsnit', value: aarhusCardiologyWard.sorCode },
};

/** English UI strings (`lang="en"`). */
export const English: Story = {
  args: { lang: 'en', 'selectable-levels': 'Department Section', value: aarhusCardiologyWard.sorCode },
};

/** Dark: system colours follow the `color-scheme` of the page around the tree. */
export const Dark: Story = {
  args: { value: aarhusCardiologyWard.sorCode },
  render: (args, context) =>
    html`<div style="color-scheme: dark; background: Canvas; color: CanvasText; padding: 1rem">
      ${meta.render!(args, context)}
    </div>`,
};

/** Right-to-left: indentation, twisties and the breadcrumb mirror in a `dir="rtl"` page. */
export const RightToLeft: Story = {
  args: { value: aarhusCardiologyWard.sorCode },
  render: (args, context) => html`<div dir="rtl">${meta.render!(args, context)}</div>`,
};

/**
 * `disabled`: the tree can be read but not focused, scrolled or used, and is not submitted. The
 * chosen row stays in view and the breadcrumb below spells out its path.
 */
export const Disabled: Story = {
  args: { value: aarhusCardiologyWard.sorCode },
  render: () =>
    html`<div style="max-width: 40rem">
      <sor-tree .catalog=${catalog} value=${aarhusCardiologyWard.sorCode} disabled></sor-tree>
    </div>`,
};

/** `required` in a form with nothing chosen: checking the form (as a submit does) shows the message. */
export const RequiredAndInvalid: Story = {
  render: () =>
    html`<form style="max-width: 40rem" @submit=${(event: Event) => event.preventDefault()}>
      <sor-tree .catalog=${catalog} label="Modtager" name="receiver" required></sor-tree>
      <button>Send</button>
    </form>`,
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('form')!.checkValidity()).toBe(false);
  },
};
