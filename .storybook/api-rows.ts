// Turns the rows Storybook extracts from custom-elements.json into the table a designer reads:
// Storybook lists a property and its attribute as two unrelated rows (`maxResults` under
// "properties", `max-results` under "attributes"), and offers a JSON editor for a union such as
// `'sor' | 'shak'`. Here each attribute is one row named by its kebab-case name with the property
// beside it, controlled by the arg of the attribute's name (the stories' args are attributes);
// properties without an attribute are marked so; a union of string literals gets a radio control;
// rows no control can set (read-only properties, events, CSS) get none.
import type { InputType, StrictArgTypes, StrictInputType } from 'storybook/internal/types';

/** The part of a custom-elements.json declaration this module reads. */
export interface ManifestElement {
  tagName: string;
  attributes?: { name: string; fieldName?: string }[];
  members?: { kind: string; name: string; readonly?: boolean; static?: boolean; privacy?: string }[];
}

/** Table categories, in the order the docs show them. */
export const CATEGORY = {
  attributes: 'attributes and properties',
  properties: 'properties only',
  readonly: 'read-only properties',
} as const;

/** The options of a type written as a union of string literals (`'' | 'institution'`), else null. */
export function literalOptions(typeText: string | undefined): string[] | null {
  if (!typeText) return null;
  const parts = typeText.split('|').map((part) => part.trim());
  const options = parts.map((part) => /^'([^']*)'$/.exec(part)?.[1]);
  return options.every((option) => option !== undefined) ? (options as string[]) : null;
}

function typeTextOf(row: InputType): string | undefined {
  const summary = row.table?.type?.summary;
  return typeof summary === 'string' ? summary : undefined;
}

/** A control fitting the row's type: radio for a literal union, else what the type names. */
function controlFor(row: InputType): Partial<StrictInputType> {
  const text = typeTextOf(row);
  const options = literalOptions(text);
  if (options)
    return {
      options,
      control: { type: 'inline-radio', labels: { '': '(none)' } },
      type: { name: 'enum', value: options },
    };
  if (text === 'boolean') return { control: { type: 'boolean' } };
  if (text === 'number') return { control: { type: 'number' } };
  if (text === 'string') return { control: { type: 'text' } };
  return {};
}

/** The argTypes of `element` rearranged as described at the top of this file. */
export function apiRows(argTypes: StrictArgTypes, element: ManifestElement): StrictArgTypes {
  const rows: StrictArgTypes = { ...argTypes };
  const withAttribute = new Set<string>();
  for (const { name, fieldName } of element.attributes ?? []) {
    const row = rows[name];
    if (!row) continue;
    const property = fieldName ?? name;
    withAttribute.add(property);
    if (property !== name) delete rows[property];
    rows[name] = {
      ...row,
      ...controlFor(row),
      name: property === name ? name : `${name} · ${property}`,
      table: { ...row.table, category: CATEGORY.attributes },
    };
  }
  for (const member of element.members ?? []) {
    const row = rows[member.name];
    if (!row || member.kind !== 'field' || withAttribute.has(member.name)) continue;
    rows[member.name] = member.readonly
      ? { ...row, control: false, table: { ...row.table, category: CATEGORY.readonly } }
      : { ...row, ...controlFor(row), table: { ...row.table, category: CATEGORY.properties } };
  }
  // Events, custom properties and parts are documentation, not something a control can set.
  for (const [key, row] of Object.entries(rows))
    if (/^(events|css )/.test(String(row.table?.category ?? ''))) rows[key] = { ...row, control: false };
  // Storybook shows the categories in the order their first row comes: attributes first.
  const rank = (row: InputType) => {
    const index = Object.values(CATEGORY).indexOf(row.table?.category as never);
    return index === -1 ? Object.keys(CATEGORY).length : index;
  };
  return Object.fromEntries(Object.entries(rows).sort(([, a], [, b]) => rank(a) - rank(b)));
}
