// Writes dist/react/jsx.d.ts (exported as `sor-picker/react`): the TSX typings of the package's
// elements for React 19, generated from custom-elements.json so that they list exactly the
// attributes, properties and events the components document. Runs in `npm run build`, after the
// declarations (dist/types) and the manifest exist.
//
// React 19 hands a custom element's props over as it finds them: a prop the element has as a
// property is set as that property, any other as an attribute, and `on<name>` adds a listener for
// the event `<name>` verbatim (so `onsor-select` listens to `sor-select`; `onSorSelect` would
// listen to an event called "SorSelect", which nothing fires).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';

const root = new URL('../', import.meta.url).pathname;
const TYPES_ENTRY = 'dist/types/index.d.ts';
/** Where the typings go; package.json exports them as `sor-picker/react`. */
const REACT_JSX_OUTPUT = 'dist/react/jsx.d.ts';

interface ManifestType {
  text: string;
}

interface ManifestAttribute {
  name: string;
  type?: ManifestType;
  description?: string;
}

interface ManifestMember {
  kind: 'field' | 'method';
  name: string;
  type?: ManifestType;
  description?: string;
  privacy?: string;
  static?: boolean;
  readonly?: boolean;
}

interface ManifestEvent {
  name: string;
  description?: string;
}

interface ManifestElement {
  name: string;
  tagName: string;
  summary?: string;
  attributes?: ManifestAttribute[];
  members?: ManifestMember[];
  events?: ManifestEvent[];
}

interface Manifest {
  modules: { declarations?: (ManifestElement | { tagName?: undefined })[] }[];
}

/** One prop of an element's TSX type. */
interface Prop {
  name: string;
  type: string;
  description: string;
}

/** The custom elements (declarations with a tag name) of a manifest, by tag name. */
function elementsOf(manifest: Manifest): ManifestElement[] {
  return manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration): declaration is ManifestElement => Boolean(declaration.tagName))
    .sort((a, b) => a.tagName.localeCompare(b.tagName));
}

/** The props React 19 can set on the element: its attributes, writable public properties and events. */
function propsOf(element: ManifestElement): Prop[] {
  const props = new Map<string, Prop>();
  const add = (name: string, type: string | undefined, description = '') => {
    if (!type) throw new Error(`custom-elements.json: <${element.tagName}> ${name} has no type`);
    if (!props.has(name)) props.set(name, { name, type, description });
  };
  for (const member of element.members ?? []) {
    if (member.kind !== 'field' || member.static || member.readonly) continue;
    if ((member.privacy ?? 'public') !== 'public') continue;
    add(member.name, member.type?.text, member.description);
  }
  for (const attribute of element.attributes ?? []) {
    // An attribute arrives as a string; React writes numbers and booleans as one too.
    const type = attribute.type?.text;
    add(attribute.name, type === 'number' ? 'number | string' : type, attribute.description);
  }
  for (const event of element.events ?? []) {
    add(`on${event.name}`, `(event: EventOf<'${event.name}'>) => void`, event.description);
  }
  return [...props.values()];
}

/** The names the package exports (types and values), read from its built declarations. */
function packageExports(): Set<string> {
  const entry = join(root, TYPES_ENTRY);
  const program = ts.createProgram([entry], { noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const symbol = source && checker.getSymbolAtLocation(source);
  if (!symbol) throw new Error(`${TYPES_ENTRY} is missing: run \`npm run build:types\` first`);
  return new Set(checker.getExportsOfModule(symbol).map((exported) => exported.name));
}

const quoted = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);
const comment = (text: string, indent: string) =>
  text ? `${indent}/** ${text.replace(/\s+/g, ' ').replaceAll('*/', '*\\/')} */\n` : '';

/** The text of dist/react/jsx.d.ts for these elements. */
function reactJsxTypes(elements: ManifestElement[], exported: ReadonlySet<string>): string {
  const imports = new Set<string>();
  const blocks = elements.map((element) => {
    const props = propsOf(element);
    imports.add(element.name);
    for (const prop of props)
      for (const word of prop.type.match(/\b[A-Z]\w*/g) ?? []) if (exported.has(word)) imports.add(word);
    const propsName = `${element.name}JsxProps`;
    const members = props
      .map((prop) => `${comment(prop.description, '  ')}  ${quoted(prop.name)}?: ${prop.type};`)
      .join('\n');
    return (
      `${comment(`Own props of \`<${element.tagName}>\`: ${element.summary ?? element.name}`, '')}` +
      `export interface ${element.name}OwnProps {\n${members}\n}\n\n` +
      `/** Every prop \`<${element.tagName}>\` takes in TSX: React's own (\`ref\`, \`id\`, \`className\`, …) and its own. */\n` +
      `export type ${propsName} = Omit<DetailedHTMLProps<HTMLAttributes<${element.name}>, ${element.name}>, keyof ${element.name}OwnProps> &\n` +
      `  ${element.name}OwnProps;\n`
    );
  });
  const intrinsic = elements
    .map((element) => `      '${element.tagName}': ${element.name}JsxProps;`)
    .join('\n');
  return `// Generated by scripts/react-jsx-types.ts from custom-elements.json in \`npm run build\`. Do not edit.
//
// TSX typings of the sor-picker elements for React 19. Load them once in your app:
//   import type {} from 'sor-picker/react';
// React 19 sets a prop the element has as a property, any other as an attribute, and listens to
// the event \`<name>\` for a prop \`on<name>\` (so \`onsor-select\`, with \`event.detail\` a SorSelection).
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ${[...imports].sort().join(', ')} } from '../types/index.js';

/** The event an element fires under \`name\`: its declared type, else a plain \`Event\`. */
type EventOf<Name extends string> = Name extends keyof GlobalEventHandlersEventMap
  ? GlobalEventHandlersEventMap[Name]
  : Event;

${blocks.join('\n')}
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${intrinsic}
    }
  }
}
`;
}

function main(): void {
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as Manifest;
  const elements = elementsOf(manifest);
  if (elements.length === 0) throw new Error('custom-elements.json declares no custom elements');
  const output = join(root, REACT_JSX_OUTPUT);
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, reactJsxTypes(elements, packageExports()));
  console.log(`${REACT_JSX_OUTPUT}: ${elements.map((element) => `<${element.tagName}>`).join(', ')}`);
}

main();
