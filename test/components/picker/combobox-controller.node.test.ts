// The picker's keyboard (APG combobox) without a DOM: a host that counts update requests, key
// events that record preventDefault, callbacks that record what the controller asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  ComboboxController,
  type ComboboxCallbacks,
} from '../../../src/components/picker/combobox-controller.js';

function setup(options: { count?: number; query?: string; chips?: number } = {}) {
  const log: string[] = [];
  let updates = 0;
  const state = { count: options.count ?? 3, query: options.query ?? 'akut', chips: options.chips ?? 0 };
  const host = {
    addController: (_: ReactiveController) => {},
    removeController: () => {},
    requestUpdate: () => void updates++,
    updateComplete: Promise.resolve(true),
  } satisfies ReactiveControllerHost;
  const callbacks: ComboboxCallbacks = {
    count: () => state.count,
    query: () => state.query,
    choose: (index) => log.push(`choose ${index}`),
    clear: () => log.push('clear'),
    removeLast: () => {
      if (state.chips === 0) return false;
      state.chips--;
      log.push('remove last');
      return true;
    },
    reveal: (index) => log.push(`reveal ${index}`),
  };
  const combobox = new ComboboxController(host, callbacks);
  const press = (key: string, altKey = false) => {
    const event = { key, altKey, prevented: false, preventDefault: () => void (event.prevented = true) };
    combobox.handleKey(event as unknown as KeyboardEvent);
    return event.prevented;
  };
  // The active option's index after pressing `key`.
  const activeAfter = (key: string) => {
    press(key);
    return combobox.activeIndex;
  };
  return { combobox, press, activeAfter, log, state, updates: () => updates };
}

test('↓ opens the list and moves to the first option, then on, wrapping to the first', () => {
  const { combobox, press, activeAfter } = setup({ count: 2 });
  assert.equal(press('ArrowDown'), true);
  assert.deepEqual([combobox.open, combobox.activeIndex], [true, 0]);
  assert.equal(activeAfter('ArrowDown'), 1);
  assert.equal(activeAfter('ArrowDown'), 0, 'wraps');
});

test('Alt+↓ only opens the list; ↑ opens it on the last option and wraps backwards', () => {
  const { combobox, press, activeAfter } = setup({ count: 3 });
  press('ArrowDown', true);
  assert.deepEqual([combobox.open, combobox.activeIndex], [true, -1]);
  assert.equal(activeAfter('ArrowUp'), 2);
  press('ArrowUp');
  assert.equal(activeAfter('ArrowUp'), 0);
  assert.equal(activeAfter('ArrowUp'), 2, 'wraps');
});

test('with no options the arrows open the list and make nothing active', () => {
  const { combobox, press, activeAfter } = setup({ count: 0 });
  press('ArrowDown');
  assert.deepEqual([combobox.open, combobox.activeIndex], [true, -1]);
  assert.equal(activeAfter('ArrowUp'), -1);
});

test('Home and End move within the list once an option is active, else they are the caret keys', () => {
  const { combobox, press } = setup({ count: 4 });
  combobox.show(-1);
  assert.equal(press('End'), false, 'no active option: the caret moves');
  press('ArrowDown');
  assert.equal(press('End'), true);
  assert.equal(combobox.activeIndex, 3);
  press('Home');
  assert.equal(combobox.activeIndex, 0);
});

test('Enter chooses the active option, and does nothing (default kept) without one', () => {
  const { press, log } = setup({ count: 2 });
  assert.equal(press('Enter'), false);
  press('ArrowDown');
  press('ArrowDown');
  assert.equal(press('Enter'), true);
  assert.deepEqual(
    log.filter((entry) => !entry.startsWith('reveal')),
    ['choose 1'],
  );
});

test('Escape closes an open list; with the list closed it empties the field; with nothing typed it does nothing', () => {
  const { combobox, press, log, state } = setup();
  press('ArrowDown');
  assert.equal(press('Escape'), true);
  assert.deepEqual([combobox.open, combobox.activeIndex], [false, -1]);
  assert.deepEqual(log, ['reveal 0']);
  assert.equal(press('Escape'), true);
  assert.deepEqual(log, ['reveal 0', 'clear']);
  state.query = '';
  assert.equal(press('Escape'), false);
  assert.deepEqual(log, ['reveal 0', 'clear']);
});

test('Tab closes the list without preventing the focus move', () => {
  const { combobox, press } = setup();
  press('ArrowDown');
  assert.equal(press('Tab'), false);
  assert.deepEqual([combobox.open, combobox.activeIndex], [false, -1]);
});

test('Backspace in the empty input removes the last chip; with text or no chip it edits the text', () => {
  const { press, log, state } = setup({ query: '', chips: 1 });
  assert.equal(press('Backspace'), true);
  assert.equal(press('Backspace'), false, 'no chip left');
  state.chips = 1;
  state.query = 'a';
  assert.equal(press('Backspace'), false, 'text to delete');
  assert.deepEqual(log, ['remove last']);
});

test('an update is asked for only when open or the active option changed', () => {
  const { combobox, press, updates } = setup();
  combobox.show(-1);
  assert.equal(updates(), 1);
  combobox.show(-1);
  combobox.show();
  assert.equal(updates(), 1, 'no change, no update');
  press('ArrowDown');
  assert.equal(updates(), 2);
  combobox.close();
  combobox.close();
  assert.equal(updates(), 3);
});

test('a newly active option is revealed once, when it becomes active', () => {
  const { combobox, press, log } = setup();
  combobox.show();
  assert.deepEqual(log, [], 'nothing active');
  press('ArrowDown');
  combobox.show();
  assert.deepEqual(log, ['reveal 0'], 'still the same option: not again');
  press('ArrowDown');
  combobox.close();
  press('ArrowDown');
  assert.deepEqual(log, ['reveal 0', 'reveal 1', 'reveal 0'], 'active again after closing: revealed again');
});
