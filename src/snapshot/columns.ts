import { SnapshotFormatError } from './errors.js';
import type { StringColumn } from './format.js';

// The refs of a string column (see `StringColumn`).
export const REF_NULL = 0;
export const REF_PARENT = 1;
export const REF_NEXT = 2;
export const REF_FIRST_VALUE = 3;

/**
 * Writes one string column, unit by unit: first-use dictionary, "same as parent" refs. Shared by
 * the unit columns and the EAN entity columns of a full payload.
 */
export class ColumnWriter {
  readonly values: string[] = [];
  // Sized once: a column is as long as the unit list, and growing by pushes leaves up to a
  // third of slack in each of the 18 columns.
  readonly refs: number[];
  private readonly seen = new Map<string, number>();
  private next = 0;

  constructor(count: number) {
    this.refs = new Array<number>(count);
  }

  /** `parentValue` is undefined for owners, which have no parent to refer to. */
  push(value: string | null, parentValue: string | null | undefined, useParent = true): void {
    if (value === null) {
      this.refs[this.next++] = REF_NULL;
      return;
    }
    if (useParent && parentValue !== undefined && value === parentValue) {
      this.refs[this.next++] = REF_PARENT;
      return;
    }
    const known = this.seen.get(value);
    if (known === undefined) {
      this.seen.set(value, this.values.length);
      this.values.push(value);
      this.refs[this.next++] = REF_NEXT;
    } else {
      this.refs[this.next++] = known + REF_FIRST_VALUE;
    }
  }

  /** Refers to the parent's value whatever it is (null included): used for inherited EANs. */
  pushParent(): void {
    this.refs[this.next++] = REF_PARENT;
  }

  toJSON(): StringColumn {
    return { values: this.values, refs: packRefs(this.refs) };
  }
}

// The digits of packed refs: 57 characters in a row, none of which JSON escapes (the quote is 0x22,
// the backslash 0x5C). Five digits reach 601 million, beyond any column's refs.
const REF_DIGIT_ZERO = 0x23;
const REF_BASE = 57;
const MAX_REF_WIDTH = 5;

/**
 * A column's refs as one string: every ref in as many base-57 digits as the largest needs. One
 * string of 100,000–300,000 characters, where an array of 100,000 numbers made JSON.parse fill
 * 100,000 slots, at about half the length.
 */
export function packRefs(refs: readonly number[]): string {
  let largest = 0;
  for (const ref of refs) if (ref > largest) largest = ref;
  let width = 1;
  for (let reach = REF_BASE; reach <= largest; reach *= REF_BASE) width++;
  const digits = new Uint8Array(refs.length * width);
  refs.forEach((ref, i) => {
    for (let d = width - 1, left = ref; d >= 0; d--, left = Math.floor(left / REF_BASE))
      digits[i * width + d] = REF_DIGIT_ZERO + (left % REF_BASE);
  });
  return new TextDecoder().decode(digits);
}

/**
 * The refs of a column as numbers, checked: packed (format 2) or an array (format 1). Packed refs
 * are unpacked `into` a buffer of at least `count` numbers when given: a reader of many columns
 * reuses one, where a fresh buffer per column cost megabytes of garbage at 100,000 units.
 */
export function unpackRefs(
  refs: unknown,
  field: string,
  count: number,
  into: Int32Array = new Int32Array(count),
): ArrayLike<number> {
  // An array as it stands: a 32-bit copy would wrap a huge ref into a valid-looking one.
  if (typeof refs !== 'string') return checkIntArray(refs, field, count);
  const width = count === 0 ? 0 : refs.length / count;
  if (!(count === 0 ? refs.length === 0 : Number.isInteger(width) && width >= 1 && width <= MAX_REF_WIDTH))
    fail(`field "${field}" has ${refs.length} characters for ${count} units`);
  for (let i = 0, at = 0; i < count; i++) {
    let ref = 0;
    for (let d = 0; d < width; d++, at++) {
      const digit = refs.charCodeAt(at) - REF_DIGIT_ZERO;
      if (!(digit >= 0 && digit < REF_BASE))
        fail(`field "${field}" at unit index ${i}: "${refs[at]}" is not a ref digit`);
      ref = ref * REF_BASE + digit;
    }
    into[i] = ref;
  }
  return into;
}

/** Throws the `SnapshotFormatError` of a full payload: `full payload: <message>`. */
export function fail(message: string): never {
  throw new SnapshotFormatError(`full payload: ${message}`);
}

export function checkIntArray(value: unknown, field: string, length: number): number[] {
  if (!Array.isArray(value)) fail(`field "${field}" must be an array`);
  if (value.length !== length) fail(`field "${field}" has ${value.length} entries for ${length} units`);
  for (let i = 0; i < value.length; i++) {
    if (!Number.isInteger(value[i])) fail(`field "${field}"[${i}] is not an integer`);
  }
  return value as number[];
}

export const isString = (v: unknown): v is string => typeof v === 'string';

/** Where `readColumn` finds a "same as parent" value, and what it tells about those refs. */
export interface ReadColumnOptions {
  /** Marked 1 at each entry whose ref is "same as parent". */
  fromParent?: Uint8Array;
  /** A buffer to unpack the refs into (as long as `parents`): a reader of many columns passes one. */
  refs?: Int32Array;
  /**
   * The values "same as parent" refers to, by the positions in `parents`; by default the column
   * itself (a unit's parent is an earlier unit). An EAN entity's "parent" is the unit declaring it.
   */
  parentValues?: readonly (string | null)[];
}

/**
 * Reads a string column back: one value per entry of `parents` (the parent's position, -1 for
 * none), checking every ref. `name` locates errors, e.g. `ean` or `eanEntities.systemType`.
 */
export function readColumn(
  raw: unknown,
  name: string,
  parents: Int32Array,
  { fromParent, refs, parentValues }: ReadColumnOptions = {},
): (string | null)[] {
  const count = parents.length;
  if (typeof raw !== 'object' || raw === null) fail(`column "${name}" is missing`);
  const { values, refs: packed } = raw as Partial<StringColumn>;
  if (!Array.isArray(values) || !values.every(isString)) fail(`column "${name}": "values" must be strings`);
  const checked = unpackRefs(packed, `columns.${name}.refs`, count, refs);
  const out = new Array<string | null>(count);
  const parentColumn = parentValues ?? out;
  let next = 0;
  for (let i = 0; i < count; i++) {
    const ref = checked[i];
    if (ref === REF_NULL) out[i] = null;
    else if (ref === REF_PARENT) {
      if (parents[i] < 0)
        fail(`column "${name}" at unit index ${i}: an owner has no parent to take a value from`);
      out[i] = parentColumn[parents[i]];
      if (fromParent) fromParent[i] = 1;
    } else if (ref === REF_NEXT) {
      if (next >= values.length)
        fail(`column "${name}" at unit index ${i}: more new values used than the ${values.length} given`);
      out[i] = values[next++];
    } else {
      const at = ref - REF_FIRST_VALUE;
      if (at < 0 || at >= next)
        fail(`column "${name}" at unit index ${i}: ref ${ref} points at a value not yet used`);
      out[i] = values[at];
    }
  }
  if (next !== values.length) fail(`column "${name}": ${values.length - next} values are never used`);
  return out;
}
