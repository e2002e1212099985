// Keyboard helpers shared by the tree's tests.
import { sendKeys } from '@web/test-runner-commands';
import type { SorTree } from '../../../src/components/tree/tree.js';

/** Presses each key in turn, waiting for the tree to render after each. */
export async function press(element: SorTree, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    await sendKeys({ press: key });
    await element.updateComplete;
  }
}

/** Makes the unit's row the active one without type-ahead: reveals it and focuses the tree. */
export async function activate(element: SorTree, sorCode: string): Promise<void> {
  element.reveal(sorCode);
  element.focus();
  await element.updateComplete;
}
