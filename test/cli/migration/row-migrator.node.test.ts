// The answer `migrate-shak` appends to a row: the catalog's own migration, encoded once per cell.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SorCatalog } from '../../../src/catalog/catalog.js';
import { describeMigration } from '../../../src/catalog/shak-migration.js';
import { CsvParser } from '../../../src/cli/migration/csv.js';
import {
  MIGRATION_COLUMNS,
  PASSED_THROUGH,
  RowMigrator,
  type RowAnswer,
} from '../../../src/cli/migration/row-migrator.js';
import type { SorUnit } from '../../../src/model/types.js';
import { clonedRegister } from '../../fixtures/cloned-register.js';
import { AS_OF } from '../../node/snapshot-folder.js';

const units: readonly SorUnit[] = clonedRegister({ copies: 12 });
const catalog = SorCatalog.fromUnits(units, { snapshotId: 'snap1', sourceDate: '2026-11-01' });
const named = (name: string) => units.find((unit) => unit.name === name)!;
const utf8 = { separator: ';', lineBreak: '\n', encoding: 'utf-8' } as const;

/** The appended cells of an answer, by column name (the tail starts with the separator). */
function cellsOf(
  answer: RowAnswer,
  dialect: { separator: string } = utf8,
  latin1 = false,
): Record<string, string> {
  const text = Buffer.from(answer.tail).toString(latin1 ? 'latin1' : 'utf8');
  const [record] = [...new CsvParser('tail', dialect.separator).push(`x${text}`)];
  return Object.fromEntries(MIGRATION_COLUMNS.map((name, i) => [name, record.fields[1 + i]]));
}

test('a SHAK cell gets exactly what catalog.migrateShak and describeMigration say, for every confidence', () => {
  const rows = new RowMigrator(catalog, AS_OF, utf8);
  const cells = [
    named('Hjertesygdomme, sengeafsnit').shak!,
    '3800012',
    '1301011',
    named('Medicinsk sengeafsnit M2 2').shak!,
    '9999',
  ];
  const seen = new Set<string>();
  for (const cell of cells) {
    const expected = catalog.migrateShak(cell, AS_OF);
    const answer = rows.answer(` ${cell} `);
    assert.equal(answer.confidence, expected.confidence);
    assert.equal(answer.reason, null);
    assert.equal(answer.shak, cell);
    const activeCodes = expected.candidates.flatMap((c) => (c.retired ? [] : [c.sorCode]));
    assert.deepEqual(Object.values(cellsOf(answer)), [
      expected.sorCode ?? '',
      expected.name ?? '',
      expected.level?.name ?? '',
      expected.confidence,
      expected.confidence === 'ambiguous' ? activeCodes.join('|') : '',
      describeMigration(expected, AS_OF, 'snap1'),
    ]);
    seen.add(expected.confidence);
  }
  assert.deepEqual([...seen].sort(), ['ambiguous', 'exact', 'none', 'retired-successor']);
});

test('a cell that is not a SHAK code is passed-through, with its reason, and a known SOR code names its unit', () => {
  const rows = new RowMigrator(catalog, AS_OF, utf8);
  const unit = named('Hjertesygdomme');
  const sor = rows.answer(unit.sorCode);
  assert.deepEqual([sor.confidence, sor.reason], [null, 'sor-code']);
  assert.deepEqual(cellsOf(sor), {
    sor_code: unit.sorCode,
    sor_name: unit.name,
    id27_level: unit.level?.name ?? '',
    confidence: PASSED_THROUGH,
    candidates: '',
    note: 'already a SOR code: nothing to migrate',
  });
  for (const [cell, reason] of [
    ['', 'empty'],
    ['1,05780E+15', 'spreadsheet-damaged'],
    ['141102099999', 'pseudo-code'],
    ['abc', 'not-shak'],
  ] as const) {
    const answer = rows.answer(cell);
    assert.equal(answer.reason, reason, cell);
    assert.equal(cellsOf(answer).confidence, 'passed-through', cell);
    assert.equal(cellsOf(answer).sor_code, '', cell);
  }
  const missing = rows.missingCell(1, 3);
  assert.equal(missing.reason, 'missing-cell');
  assert.equal(cellsOf(missing).confidence, 'passed-through');
  assert.equal(cellsOf(missing).note, 'row has 1 field(s); the SHAK column is number 4');
});

test('each distinct cell is migrated once: a repeat gets the same answer', () => {
  let lookups = 0;
  const counting = Object.create(catalog) as SorCatalog;
  counting.migrateShak = (shak, asOf) => {
    lookups++;
    return catalog.migrateShak(shak, asOf);
  };
  const rows = new RowMigrator(counting, AS_OF, utf8);
  const first = rows.answer('1301011');
  assert.equal(rows.answer('1301011'), first);
  assert.equal(lookups, 1);
  assert.notEqual(rows.answer(' 1301011'), first, 'the cell as read is the key');
  assert.equal(lookups, 2);
});

test('the tail is written in the dialect of the input: separator, quoting, line break, Latin-1', () => {
  const unit = { ...named('Hjertesygdomme, sengeafsnit'), name: 'Kardiologi – sengeafsnit, Ø' };
  const local = SorCatalog.fromUnits(
    units.map((u) => (u.sorCode === unit.sorCode ? unit : u)),
    { snapshotId: 'snap1', sourceDate: '2026-11-01' },
  );
  const comma = new RowMigrator(local, AS_OF, { separator: ',', lineBreak: '\r\n', encoding: 'latin1' });
  const answer = comma.answer(unit.shak!);
  const text = Buffer.from(answer.tail).toString('latin1');
  assert.ok(text.startsWith(`,${unit.sorCode},"Kardiologi ? sengeafsnit, Ø",`), text);
  assert.ok(text.endsWith('\r\n'));
  assert.equal(cellsOf(answer, { separator: ',' }, true).sor_name, 'Kardiologi ? sengeafsnit, Ø');
  const utf = new RowMigrator(local, AS_OF, utf8).answer(unit.shak!);
  assert.equal(cellsOf(utf).sor_name, 'Kardiologi – sengeafsnit, Ø');
});
