// Characters XML 1.0 does not allow in a document at all, not even escaped.
// eslint-disable-next-line no-control-regex -- finding these control characters is the point
const NOT_XML_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const TEXT_SPECIAL = /[&<>]/;
const ATTRIBUTE_SPECIAL = /[&<>"]/;

function checkedXmlCharacters(value: string, where: string): string {
  const bad = NOT_XML_CHARACTER.exec(value);
  if (bad) {
    throw new RangeError(
      `${where}: U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at index ${bad.index} of ${JSON.stringify(value)} is not allowed in XML`,
    );
  }
  return value;
}

/** `value` as XML character data: `&`, `<` and `>` escaped. */
export function escapeXmlText(value: string): string {
  const text = checkedXmlCharacters(value, 'text');
  return TEXT_SPECIAL.test(text)
    ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    : text;
}

/** `value` as a double-quoted XML attribute value: `&`, `<`, `>` and `"` escaped. */
export function escapeXmlAttribute(value: string): string {
  const text = checkedXmlCharacters(value, 'attribute');
  return ATTRIBUTE_SPECIAL.test(text)
    ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    : text;
}

/** Attributes of an element, written in their order. */
export type XmlAttributes = Readonly<Record<string, string>>;

// Only names the writer's callers pass in from the shared tables; checked so a typo in a table
// cannot produce a document the reader rejects.
const XML_NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;

/**
 * Writes an XML document as a stream of chunks, one element per line, indented with one tab per
 * level (the layout of SDS's exports). Text and attribute values are escaped; element content is
 * either text (`leaf`) or elements (`open` … `close`), never mixed. Chunks of about `chunkSize`
 * characters go to `write`; call `end()` to write the rest.
 */
export class XmlWriter {
  private buffer = '';
  private readonly openElements: string[] = [];
  // Names already checked: a national export writes the same few dozen names millions of times.
  private readonly checkedNames = new Set<string>();

  constructor(
    private readonly write: (chunk: string) => void,
    private readonly chunkSize = 1 << 20,
  ) {}

  /** How many elements are open. */
  get depth(): number {
    return this.openElements.length;
  }

  /** The XML declaration, after a byte-order mark (as SDS writes it). */
  declaration(): void {
    this.append('\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n');
  }

  /** A comment on a line of its own. */
  comment(text: string): void {
    if (text.includes('--') || text.endsWith('-'))
      throw new RangeError(`an XML comment cannot hold "--" or end with "-": ${JSON.stringify(text)}`);
    this.append(`${this.indent()}<!-- ${checkedXmlCharacters(text, 'comment')} -->\n`);
  }

  /** Opens `name`; what follows is inside it until `close()`. */
  open(name: string, attributes?: XmlAttributes): void {
    this.append(`${this.indent()}<${this.checkedName(name)}${this.attributes(attributes)}>\n`);
    this.openElements.push(name);
  }

  /** Closes the element opened last. */
  close(): void {
    const name = this.openElements.pop();
    if (name === undefined) throw new Error('XmlWriter: close() without an open element');
    this.append(`${this.indent()}</${name}>\n`);
  }

  /** An element holding `text`. */
  leaf(name: string, text: string, attributes?: XmlAttributes): void {
    this.checkedName(name);
    this.append(`${this.indent()}<${name}${this.attributes(attributes)}>${escapeXmlText(text)}</${name}>\n`);
  }

  /** Writes what is buffered; throws if an element is still open. */
  end(): void {
    if (this.openElements.length > 0)
      throw new Error(`XmlWriter: end() with ${this.openElements.join(' > ')} still open`);
    this.write(this.buffer);
    this.buffer = '';
  }

  private append(text: string): void {
    this.buffer += text;
    if (this.buffer.length > this.chunkSize) {
      this.write(this.buffer);
      this.buffer = '';
    }
  }

  private indent(): string {
    return '\t'.repeat(this.openElements.length);
  }

  private checkedName(name: string): string {
    if (this.checkedNames.has(name)) return name;
    if (!XML_NAME.test(name)) throw new RangeError(`"${name}" is not an XML name`);
    this.checkedNames.add(name);
    return name;
  }

  private attributes(attributes: XmlAttributes | undefined): string {
    if (attributes === undefined) return '';
    let text = '';
    for (const [name, value] of Object.entries(attributes))
      text += ` ${this.checkedName(name)}="${escapeXmlAttribute(value)}"`;
    return text;
  }
}
