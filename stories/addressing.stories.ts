import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { SorCatalog } from '../src/catalog/catalog.js';
import type { SorPicker } from '../src/components/picker/picker.js';
import type { SorTree } from '../src/components/tree/tree.js';
import type { SorUnit } from '../src/model/types.js';
import '../src/define/sor-picker.js';
import '../src/define/sor-tree.js';
import {
  SMALL_REGISTER,
  SMALL_REGISTER_INFO,
  aarhusCardiology,
  aarhusCardiologyWard,
  aarhusEmergency,
  gpPractice,
  koegeSundhed,
  unitNamed,
} from '../test/fixtures/small-register.js';

// Stories get their data through an in-memory catalog, never the network.
const catalog = SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);
// A snapshot built before sor-snapshot carried the EAN entities' EDI data: EANs, but no EDI data.
const withoutEdi = SorCatalog.fromUnits(
  SMALL_REGISTER.map((unit) => ({ ...unit, eanEntity: null })),
  { ...SMALL_REGISTER_INFO, snapshotId: 'small-register-without-edi' },
);

const AS_OF = '2026-11-26';

interface AddressingArgs {
  lang: 'da' | 'en';
  'as-of': string;
}

/** One addressing state: the unit it is about, and how the picker shows it. */
interface AddressingState {
  unit: SorUnit;
  /** Typed (or pasted) into the picker; absent: the unit is the picker's `value`, and refused. */
  typed?: string;
  data?: SorCatalog;
}

const pickerOf = (canvas: HTMLElement) => canvas.querySelector<SorPicker>('sor-picker')!;
const treeOf = (canvas: HTMLElement) => canvas.querySelector<SorTree>('sor-tree')!;

const meta: Meta<AddressingArgs> = {
  title: 'Components/Addressing (MedCom)',
  parameters: {
    docs: {
      description: {
        component:
          '`purpose="addressing"` on `<sor-picker>` and `<sor-tree>`: a "send to" field for MedCom messages, ' +
          'addressed by SOR code and delivered to the EAN (lokationsnummer) that receives for the unit — its own, or ' +
          'the nearest ancestor’s when inherited. Only units that can receive on `as-of` can be chosen. The picker ' +
          '**leaves the others out** of its results (a search finds whom to send to; a unit that cannot receive is ' +
          'noise there), and a pasted EAN lists every unit receiving at it, the owner first, or says why that EAN ' +
          'cannot receive. The tree **keeps every unit, the others disabled with the reason**, since an ancestor that ' +
          'cannot receive still leads to children that can. Each row shows the receiving EAN, own or inherited, and the ' +
          'EDI system (by name where the snapshot was built with `--edi-code-names`, else its code). A `value` naming a ' +
          'unit that cannot receive is refused with a validity message. `sor-select` carries `selection.addressing`. ' +
          'Data in these stories is synthetic.',
      },
    },
  },
  args: { lang: 'da', 'as-of': AS_OF },
  argTypes: { lang: { control: 'inline-radio', options: ['da', 'en'] } },
};
export default meta;

type Story = StoryObj<AddressingArgs>;

// The text arrives as one input event (a paste), without moving focus: on a docs page every
// story's play function runs, and focus moved to one picker would close the one before.
function paste(picker: SorPicker, text: string) {
  const input = picker.shadowRoot!.querySelector('input')!;
  input.value = text;
  input.dispatchEvent(
    new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true, composed: true }),
  );
}

function story(state: AddressingState, lang: 'da' | 'en'): Story {
  const data = state.data ?? catalog;
  return {
    args: { lang },
    render: (args) => html`
      <div
        lang=${args.lang}
        style="display: grid; gap: 1.5rem; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); max-width: 64rem; min-height: 28rem"
      >
        <sor-picker
          purpose="addressing"
          as-of=${args['as-of']}
          value=${state.typed === undefined ? state.unit.sorCode : ''}
          .catalog=${data}
        ></sor-picker>
        <sor-tree purpose="addressing" as-of=${args['as-of']} .catalog=${data}></sor-tree>
      </div>
    `,
    play: async ({ canvasElement }) => {
      const picker = pickerOf(canvasElement);
      const tree = treeOf(canvasElement);
      await Promise.all([picker.updateComplete, tree.updateComplete]);
      tree.reveal(state.unit.sorCode);
      await waitFor(() =>
        expect(tree.shadowRoot!.querySelector(`#row-${state.unit.sorCode}`)).not.toBeNull(),
      );
      if (state.typed === undefined) {
        await waitFor(() => expect(picker.invalid).toBe(true));
        return;
      }
      paste(picker, state.typed);
      await waitFor(() => expect(picker.shadowRoot!.querySelector('[role="option"]')).not.toBeNull());
    },
  };
}

const ownEan: AddressingState = { unit: gpPractice, typed: 'Lægerne i Søndergade' };
const inherited: AddressingState = { unit: aarhusCardiologyWard, typed: aarhusCardiology.ean! };
const inactive: AddressingState = { unit: aarhusEmergency };
const internalOnly: AddressingState = { unit: koegeSundhed };
const noEan: AddressingState = { unit: unitNamed('Region Sjælland') };
const noEdiData: AddressingState = { unit: gpPractice, data: withoutEdi };

/** Own EAN: a practice receives at its own EAN; the row says "eget" and names the EDI system. */
export const OwnEan = story(ownEan, 'da');
/** Own EAN, in English. */
export const OwnEanEnglish = story(ownEan, 'en');

/**
 * Inherited: the afdeling's EAN pasted lists the afdeling (its own) first, then its afsnit, which
 * inherit it; the tree shows the afsnit receiving at its afdeling's EAN.
 */
export const Inherited = story(inherited, 'da');
/** Inherited, in English. */
export const InheritedEnglish = story(inherited, 'en');

/** Inactive (`NonActiveIndicator`): refused as a value, disabled in the tree with the reason. */
export const Inactive = story(inactive, 'da');
/** Inactive, in English. */
export const InactiveEnglish = story(inactive, 'en');

/** Internal only (`OnlyInternalIndicator`): the municipality's EAN receives only from within it. */
export const InternalOnly = story(internalOnly, 'da');
/** Internal only, in English. */
export const InternalOnlyEnglish = story(internalOnly, 'en');

/** No EAN: a region (an owner) has no EAN on its chain; its children still open in the tree. */
export const NoEan = story(noEan, 'da');
/** No EAN, in English. */
export const NoEanEnglish = story(noEan, 'en');

/**
 * No EDI data: a snapshot built before sor-snapshot carried the EAN entities (rebuild it): a unit
 * with an EAN cannot be judged, so it cannot be chosen.
 */
export const NoEdiData = story(noEdiData, 'da');
/** No EDI data, in English. */
export const NoEdiDataEnglish = story(noEdiData, 'en');
