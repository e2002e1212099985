// The note about a retired unit's successors, rendered alone: one button a successor, nothing
// without successors, and the click handed the successor.
import { expect } from '@open-wc/testing';
import { nothing, render } from 'lit';
import { successorNote } from '../../../src/components/shared/successor-note.js';
import { STRINGS } from '../../../src/components/shared/strings.js';
import { koegeSuccessor, rigshospitalet } from '../../fixtures/small-register.js';

describe('successorNote', () => {
  it('says what is retired and offers one jump a successor', () => {
    const picked: string[] = [];
    const container = document.createElement('div');
    render(
      successorNote('Retired', [koegeSuccessor, rigshospitalet], STRINGS.en, (unit) =>
        picked.push(unit.name),
      ),
      container,
    );
    const note = container.querySelector('p.note.successor')!;
    expect(note.textContent).to.contain('Retired');
    const buttons = [...note.querySelectorAll('button')];
    expect(buttons.map((button) => button.textContent!.trim())).to.deep.equal([
      STRINGS.en.goToSuccessor(koegeSuccessor.name),
      STRINGS.en.goToSuccessor(rigshospitalet.name),
    ]);
    expect(buttons.every((button) => button.type === 'button')).to.equal(true);
    buttons[1].click();
    expect(picked).to.deep.equal([rigshospitalet.name]);
  });

  it('is nothing without successors', () => {
    expect(successorNote('Retired', [], STRINGS.en, () => {})).to.equal(nothing);
  });
});
