// Issue #14 item 8: a name from the data holding bidi controls (here an unterminated RIGHT-TO-LEFT
// OVERRIDE) or right-to-left script cannot reorder the text shown beside it. Checked on the
// rendered layout: the letters of the words after such a name still run left to right.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SorCatalog } from '../../../src/catalog/catalog.js';
import type { SorPicker } from '../../../src/components/picker/picker.js';
import { isolateBidi, stringsFor } from '../../../src/components/shared/strings.js';
import type { SorTree } from '../../../src/components/tree/tree.js';
import '../../../src/define/sor-picker.js';
import '../../../src/define/sor-tree.js';
import {
  aarhus,
  aarhusCardiologyWard,
  koegeRetired,
  SMALL_REGISTER,
  SMALL_REGISTER_INFO,
} from '../../fixtures/small-register.js';

const RLO = '\u202e';
const HOSTILE = new Map([
  [aarhus.sorCode, `Aarhus ${RLO}UH`],
  [koegeRetired.sorCode, `${RLO}M2 gammel`],
]);
const catalog = SorCatalog.fromUnits(
  SMALL_REGISTER.map((unit) =>
    HOSTILE.has(unit.sorCode) ? { ...unit, name: HOSTILE.get(unit.sorCode)! } : unit,
  ),
  SMALL_REGISTER_INFO,
);

// The left edges of the first and the last letter of `word` (in the first text node holding it):
// left to right means the first letter is left of the last.
function runsLeftToRight(element: Element, word: string): boolean {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent!.indexOf(word);
    if (at >= 0) {
      const left = (offset: number) => {
        const range = document.createRange();
        range.setStart(node!, offset);
        range.setEnd(node!, offset + 1);
        return range.getBoundingClientRect().left;
      };
      return left(at) < left(at + word.length - 1);
    }
  }
  throw new Error(`no text "${word}" in ${element.textContent}`);
}

describe('names with bidi controls', () => {
  it('isolate only text that could reorder its surroundings', () => {
    expect(isolateBidi('Hjertesygdomme')).to.equal('Hjertesygdomme');
    expect(isolateBidi(`${RLO}M2`)).to.equal(`\u2068${RLO}M2\u2069`);
    expect(isolateBidi('מרכז')).to.equal('\u2068מרכז\u2069');
    const text = stringsFor(document.body, {});
    expect(text.chosen(`${RLO}abc`)).to.equal(`\u2068${RLO}abc\u2069 selected`);
    // A vendor's own string gets isolated arguments too.
    const own = stringsFor(document.body, { chosen: (name) => `[${name}]` });
    expect(own.chosen(`${RLO}x`)).to.equal(`[\u2068${RLO}x\u2069]`);
  });

  it('<sor-picker>: the path beside an institution named with an override keeps its order', async () => {
    const element = await fixture<SorPicker>(html`<sor-picker lang="en" .catalog=${catalog}></sor-picker>`);
    element.focus();
    await sendKeys({ type: aarhusCardiologyWard.name });
    await waitUntil(() => element.shadowRoot!.querySelector('[role="option"] .context'), 'results');
    const option = [...element.shadowRoot!.querySelectorAll('[role="option"]')].find(
      (candidate) => candidate.querySelector('.name')!.textContent === aarhusCardiologyWard.name,
    )!;
    const context = option.querySelector('.context')!;
    expect(context.textContent).to.include(`${RLO}UH`);
    expect(runsLeftToRight(context, 'Hjertesygdomme')).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('<sor-tree>: the note on a retired unit named with an override keeps its order', async () => {
    const element = await fixture<SorTree>(
      html`<sor-tree lang="en" include-retired .catalog=${catalog}></sor-tree>`,
    );
    element.reveal(koegeRetired.sorCode);
    element.focus();
    await element.updateComplete;
    const note = element.shadowRoot!.querySelector('.successor')!;
    expect(note.textContent).to.include(`${RLO}M2 gammel`);
    expect(runsLeftToRight(note, 'retired')).to.equal(true);
    await expect(element).to.be.accessible();
  });
});
