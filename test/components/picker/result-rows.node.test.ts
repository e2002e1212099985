// The picker's list rows without a DOM: grouping by institution, option numbering in the order
// shown, the window threshold and the runs that keep a cut group named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SorSearchHit } from '../../../src/catalog/index.js';
import type { SorUnit } from '../../../src/model/types.js';
import {
  WINDOW_FROM,
  groupRuns,
  institutionOf,
  isWindowed,
  resultRows,
  rowOfOption,
} from '../../../src/components/picker/result-rows.js';
import {
  aarhus,
  aarhusCardiology,
  aarhusCardiologyWard,
  rigshospitalet,
  smallRegisterAncestors,
  unitNamed,
} from '../../fixtures/small-register.js';

const hitOf = (unit: SorUnit): SorSearchHit =>
  ({ unit, matchedBy: 'name', ranges: [], score: 1 }) as SorSearchHit;
const ancestors = (sorCode: string) => smallRegisterAncestors(unitNamed(nameOf(sorCode)));
const byCode = new Map(
  [aarhus, aarhusCardiology, aarhusCardiologyWard, rigshospitalet].map((unit) => [unit.sorCode, unit]),
);
const nameOf = (sorCode: string) => byCode.get(sorCode)!.name;
const grouping = (unit: SorUnit) => institutionOf(unit, ancestors);

test('without grouping: one option row a hit, in rank order, numbered from 0', () => {
  const hits = [rigshospitalet, aarhusCardiology].map(hitOf);
  const { hits: shown, rows } = resultRows(hits, null);
  assert.deepEqual(shown, hits);
  assert.deepEqual(
    rows.map((row) => [row.hit?.unit.name, row.index, row.group]),
    [
      ['Rigshospitalet', 0, null],
      ['Hjertesygdomme', 1, null],
    ],
  );
});

test("grouped: each institution's hits follow its best one under a heading, numbered in the order shown", () => {
  // Ranked: Aarhus department, Rigshospitalet, Aarhus ward: the ward joins its institution's group.
  const hits = [aarhusCardiology, rigshospitalet, aarhusCardiologyWard].map(hitOf);
  const { hits: shown, rows } = resultRows(hits, grouping);
  assert.deepEqual(
    shown.map((hit) => hit.unit.name),
    ['Hjertesygdomme', 'Hjertesygdomme, sengeafsnit', 'Rigshospitalet'],
  );
  assert.deepEqual(
    rows.map((row) => [row.hit ? row.hit.unit.name : `heading ${row.group!.name}`, row.index]),
    [
      [`heading ${aarhus.name}`, -1],
      ['Hjertesygdomme', 0],
      ['Hjertesygdomme, sengeafsnit', 1],
      ['heading Rigshospitalet', -1],
      ['Rigshospitalet', 2],
    ],
  );
});

test('institutionOf: a unit belongs to the institution above it; an institution stands for itself', () => {
  let asked = 0;
  const counting = (sorCode: string) => {
    asked++;
    return ancestors(sorCode);
  };
  assert.equal(institutionOf(aarhusCardiologyWard, counting), aarhus);
  assert.equal(institutionOf(rigshospitalet, counting), rigshospitalet);
  assert.equal(asked, 1, 'the ancestors are asked only for a unit below an institution');
  assert.equal(
    institutionOf(aarhusCardiology, () => []),
    aarhusCardiology,
    'no institution above: itself',
  );
});

test('rowOfOption finds the row of an option number, never a heading', () => {
  const { rows } = resultRows([aarhusCardiology, rigshospitalet].map(hitOf), grouping);
  assert.equal(rowOfOption(rows, 0), 1);
  assert.equal(rowOfOption(rows, 1), 3);
  assert.equal(rowOfOption(rows, -1), -1, 'a heading has index -1 but is no option');
  assert.equal(rowOfOption(rows.slice(2), 0), -1, 'not among the rows given');
});

test('a list is windowed only above WINDOW_FROM rows', () => {
  assert.equal(isWindowed(WINDOW_FROM), false);
  assert.equal(isWindowed(WINDOW_FROM + 1), true);
  assert.equal(isWindowed(0), false);
});

test('groupRuns cuts the rows into one run a group, also where a window cut a group', () => {
  const { rows } = resultRows([aarhusCardiology, aarhusCardiologyWard, rigshospitalet].map(hitOf), grouping);
  assert.deepEqual(
    groupRuns(rows).map((run) => run.map((row) => row.index)),
    [
      [-1, 0, 1],
      [-1, 2],
    ],
  );
  // A window starting inside Aarhus's group: the run still belongs to Aarhus (its name labels it).
  const cut = groupRuns(rows.slice(2));
  assert.deepEqual(
    cut.map((run) => run[0].group!.name),
    [aarhus.name, 'Rigshospitalet'],
  );
  assert.deepEqual(groupRuns(resultRows([rigshospitalet].map(hitOf), null).rows).length, 1);
  assert.deepEqual(groupRuns([]), []);
});
