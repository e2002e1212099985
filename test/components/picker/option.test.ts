// The picker's option rows rendered alone (no picker): the built-in row, a custom renderer inside
// the option element, the level rules' reason, the window's setsize, grouped rows and the click.
import { expect } from '@open-wc/testing';
import { render } from 'lit';
import type { SorSearchHit } from '../../../src/catalog/index.js';
import type { SorUnit } from '../../../src/model/types.js';
import { optionRows, placeOf, type OptionRowsContext } from '../../../src/components/picker/option.js';
import { institutionOf, resultRows } from '../../../src/components/picker/result-rows.js';
import { parseLevelRules } from '../../../src/components/shared/level-rules.js';
import { STRINGS } from '../../../src/components/shared/strings.js';
import { smallCatalog } from '../../fixtures/small-catalog.js';
import {
  aarhus,
  aarhusCardiology,
  aarhusCardiologyWard,
  koegeRetired,
  koegeSuccessor,
  rigshospitalet,
} from '../../fixtures/small-register.js';

const catalog = smallCatalog();
const hit = (unit: SorUnit, matchedBy: SorSearchHit['matchedBy'] = 'name', ranges: [number, number][] = []) =>
  ({ unit, matchedBy, ranges, score: 1 }) as SorSearchHit;

function draw(hits: SorSearchHit[], context: Partial<OptionRowsContext> = {}, grouped = false) {
  const chosen: string[] = [];
  const full: OptionRowsContext = {
    catalog,
    rules: parseLevelRules('', ''),
    text: STRINGS.en,
    language: 'en',
    date: '2026-11-26',
    active: -1,
    setSize: 0,
    renderOption: null,
    choose: (unit) => chosen.push(unit.name),
    ...context,
  };
  const container = document.createElement('div');
  const grouping = grouped ? (unit: SorUnit) => institutionOf(unit, (code) => catalog.ancestors(code)) : null;
  render(optionRows(resultRows(hits, grouping).rows, full), container);
  return { container, chosen, options: [...container.querySelectorAll<HTMLElement>('[role="option"]')] };
}

describe('option rows', () => {
  it('draw the built-in row: marked name, place, level badge, SOR code, numbered ids', () => {
    const { options } = draw([hit(rigshospitalet, 'name', [[0, 8]]), hit(aarhusCardiology)], { active: 1 });
    expect(options.map((option) => option.id)).to.deep.equal(['option-0', 'option-1']);
    expect(options[0].querySelector('mark')!.textContent).to.equal('Rigshosp');
    expect(options[0].querySelector('.name')!.textContent).to.equal('Rigshospitalet');
    expect(options[0].querySelector('[part="badge"]')!.textContent).to.equal('Hospital');
    expect(options[0].querySelector('.code')!.textContent).to.contain(rigshospitalet.sorCode);
    expect(options.map((option) => option.getAttribute('aria-selected'))).to.deep.equal(['false', 'true']);
    expect(options[0].hasAttribute('aria-setsize')).to.equal(false, 'not windowed: no setsize');
  });

  it('name the field that matched when it is not the name or the SOR code', () => {
    const { options } = draw([hit(aarhusCardiology, 'shak')]);
    expect(options[0].querySelector('.hint')!.textContent).to.contain(aarhusCardiology.shak!);
  });

  it('carry aria-setsize and aria-posinset once windowed', () => {
    const { options } = draw([hit(rigshospitalet), hit(aarhus)], { setSize: 120 });
    expect(options[1].getAttribute('aria-setsize')).to.equal('120');
    expect(options[1].getAttribute('aria-posinset')).to.equal('2');
  });

  it('mark a unit the level rules forbid, with the reason, and a retired one with its successor', () => {
    const rules = parseLevelRules('hospital', '');
    const { options } = draw([hit(aarhusCardiologyWard), hit(koegeRetired)], { rules, date: '2026-11-26' });
    expect(options[0].getAttribute('aria-disabled')).to.equal('true');
    expect(options[0].querySelector('.reason')!.textContent).to.equal(STRINGS.en.wrongLevel);
    const retired = draw([hit(koegeRetired)], { date: '2027-06-01' }).options[0];
    expect(retired.querySelector('.retired')!.textContent).to.contain(koegeSuccessor.name);
  });

  it("keep the option element around a vendor's renderer, and hand it the row's context", () => {
    const seen: string[] = [];
    const { options } = draw([hit(rigshospitalet)], {
      active: 0,
      renderOption: (unit, context) => {
        seen.push(`${unit.name} active=${context.active} choosable=${context.choosable}`);
        return `custom ${unit.sorCode}`;
      },
    });
    expect(options[0].getAttribute('role')).to.equal('option');
    expect(options[0].querySelector('.custom')!.textContent!.trim()).to.equal(
      `custom ${rigshospitalet.sorCode}`,
    );
    expect(seen).to.deep.equal(['Rigshospitalet active=true choosable=true']);
  });

  it('group rows under a named group per institution, the heading hidden from the accessibility tree', () => {
    const { container } = draw(
      [hit(aarhusCardiology), hit(rigshospitalet), hit(aarhusCardiologyWard)],
      {},
      true,
    );
    const groups = [...container.querySelectorAll('[role="group"]')];
    expect(groups.map((group) => group.getAttribute('aria-label'))).to.deep.equal([
      aarhus.name,
      'Rigshospitalet',
    ]);
    expect(groups[0].querySelectorAll('[role="option"]').length).to.equal(2);
    expect(groups[0].querySelector('.group-label')!.getAttribute('aria-hidden')).to.equal('true');
  });

  it('choose the unit on click, and keep the focus in the input on mousedown', () => {
    const { options, chosen } = draw([hit(rigshospitalet)]);
    const mousedown = new MouseEvent('mousedown', { cancelable: true });
    options[0].dispatchEvent(mousedown);
    expect(mousedown.defaultPrevented).to.equal(true);
    options[0].click();
    expect(chosen).to.deep.equal(['Rigshospitalet']);
  });

  it('placeOf: a unit sits in its institution (and parent), an institution under its owner', () => {
    expect(placeOf(aarhusCardiologyWard, catalog, STRINGS.en)).to.contain(aarhus.name);
    expect(placeOf(rigshospitalet, catalog, STRINGS.en)).to.contain('Region Hovedstaden');
    expect(placeOf(rigshospitalet, null, STRINGS.en)).to.equal(STRINGS.en.kind.SI);
  });
});
