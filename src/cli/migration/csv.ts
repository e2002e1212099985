// Streaming CSV (RFC 4180: https://www.rfc-editor.org/rfc/rfc4180) as Danish spreadsheets and
// health-IT exports write it: `;` or `,` separated, UTF-8 or Latin-1, with or without a BOM,
// CRLF or LF, quoted fields with doubled quotes and line breaks inside.

/** The separators `CsvParser` detects; any single character can be given. */
export const DETECTED_SEPARATORS = [';', ',', '\t'] as const;

/** The encodings a CSV file can be read and written in. */
export type CsvEncoding = 'utf-8' | 'latin1';

/** A CSV file that cannot be parsed: names the file and the line. */
export class CsvError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = 'CsvError';
  }
}

/** One record: its fields, and its text exactly as in the file (without the line break). */
export interface CsvRecord {
  fields: string[];
  raw: string;
  /** The 1-based line the record starts on. */
  line: number;
}

// A quoted field that never closes would otherwise be re-scanned with every chunk, to the end of
// the file: refuse a record this long instead (no real export has one).
const MAX_RECORD_CHARS = 16 * 1024 * 1024;

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * An incremental CSV parser: `push` text as it is decoded and get the complete records so far;
 * `end` gives the last one. The separator is given or detected from the first record (the one
 * of `;`, `,` and tab that occurs most often outside quotes; `;` when none does). A BOM at the
 * start is dropped and remembered (`hasBom`), as is the file's line break (`lineBreak`), so a
 * writer can answer in the same dialect.
 */
export class CsvParser {
  separator: string | null;
  hasBom = false;
  /** The first line break seen (`\n` until one is seen). */
  lineBreak: '\r\n' | '\n' = '\n';
  private buffer = '';
  private started = false;
  private line = 1;
  private lineBreakSeen = false;

  constructor(
    readonly file: string,
    separator: string | null = null,
  ) {
    if (
      separator !== null &&
      (separator.length !== 1 || separator === '"' || separator === '\r' || separator === '\n')
    )
      throw new Error(
        `the separator must be one character other than a quote or line break, got ${JSON.stringify(separator)}`,
      );
    this.separator = separator;
  }

  /** The line the parser has reached: where a decoding error in the next text would be. */
  get currentLine(): number {
    return this.line;
  }

  /** Adds text; returns the records it completes. */
  push(text: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    this.feed(text, (record) => records.push(record));
    return records;
  }

  /** The input is complete: returns the last record, if any. Throws on a quote left open. */
  end(): CsvRecord[] {
    const records: CsvRecord[] = [];
    this.finish((record) => records.push(record));
    return records;
  }

  /**
   * `push` for a stream of any size: hands each record to `onRecord` as soon as it is parsed.
   * A record then dies before the next is made, so V8 never sees a chunk's worth of records
   * survive a young-generation collection together; when it did (an array of a chunk's
   * records), it began allocating every later record straight in the old generation
   * ("allocation-site pretenuring"), and a 1M-row migration's peak memory doubled.
   */
  feed(text: string, onRecord: (record: CsvRecord) => void): void {
    this.buffer += text;
    this.drain(false, onRecord);
  }

  /** `end` for `feed`: hands over the last record, if any. Throws on a quote left open. */
  finish(onRecord: (record: CsvRecord) => void): void {
    this.drain(true, onRecord);
  }

  private drain(final: boolean, onRecord: (record: CsvRecord) => void): void {
    if (!this.started) {
      if (this.buffer.length === 0 && !final) return;
      this.started = true;
      if (this.buffer.charCodeAt(0) === 0xfeff) {
        this.hasBom = true;
        this.buffer = this.buffer.slice(1);
      }
    }
    if (this.separator === null) {
      const detected = detectSeparator(this.buffer, final);
      if (detected === null) return;
      this.separator = detected;
    }
    const buffer = this.buffer;
    const separator = this.separator;
    let pos = 0;
    // The next quote at or after `pos`: searched again only once passed, so a file without
    // quotes is scanned for them once per chunk, not once per line.
    let nextQuote = buffer.indexOf('"');
    while (pos < buffer.length) {
      const newline = buffer.indexOf('\n', pos);
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = buffer.indexOf('"', pos);
      if (newline !== -1 && (nextQuote === -1 || nextQuote > newline)) {
        // The common case: a line without quotes.
        const end = newline > pos && buffer.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
        this.noteLineBreak(end !== newline);
        const raw = buffer.slice(pos, end);
        onRecord({ fields: raw.split(separator), raw, line: this.line });
        this.line++;
        pos = newline + 1;
        continue;
      }
      if (nextQuote === -1 && !final) break; // an unfinished line without quotes
      const record = this.parseQuoted(buffer, pos, final);
      if (record === null) break; // more text needed
      onRecord(record.record);
      pos = record.next;
    }
    this.buffer = buffer.slice(pos);
    if (this.buffer.length > MAX_RECORD_CHARS) {
      throw new CsvError(
        this.file,
        this.line,
        'a record runs on for more than 16 MB: probably a quoted field whose closing quote is missing',
      );
    }
  }

  private noteLineBreak(crlf: boolean): void {
    if (this.lineBreakSeen) return;
    this.lineBreakSeen = true;
    this.lineBreak = crlf ? '\r\n' : '\n';
  }

  // One record that may hold quoted fields, from `start`; null when the text ends inside it and
  // more may come.
  private parseQuoted(
    buffer: string,
    start: number,
    final: boolean,
  ): { record: CsvRecord; next: number } | null {
    const separator = this.separator!.charCodeAt(0);
    const fields: string[] = [];
    let lines = 0;
    let pos = start;
    for (;;) {
      // At the start of a field.
      if (buffer.charCodeAt(pos) === QUOTE) {
        let value = '';
        let from = pos + 1;
        for (;;) {
          const quote = buffer.indexOf('"', from);
          if (quote === -1) {
            if (!final) return null;
            throw new CsvError(
              this.file,
              this.line,
              'a quoted field is not closed before the end of the file',
            );
          }
          if (quote + 1 >= buffer.length && !final) return null; // is it `""`? The next chunk says.
          value += buffer.slice(from, quote);
          if (buffer.charCodeAt(quote + 1) === QUOTE) {
            value += '"';
            from = quote + 2;
            continue;
          }
          pos = quote + 1;
          break;
        }
        lines += countLineFeeds(value);
        fields.push(value);
        const after = buffer.charCodeAt(pos);
        if (after === separator) {
          pos++;
          continue;
        }
        if (pos < buffer.length && after !== LF && after !== CR) {
          throw new CsvError(
            this.file,
            this.line + lines,
            `a quoted field is followed by ${JSON.stringify(buffer[pos])} instead of the separator or a line break (a quote inside a quoted field must be doubled: "")`,
          );
        }
      } else {
        // An unquoted field: up to the separator or the line break (a quote inside is literal).
        let end = pos;
        while (end < buffer.length) {
          const code = buffer.charCodeAt(end);
          if (code === separator || code === LF) break;
          end++;
        }
        if (end >= buffer.length && !final) return null;
        const atSeparator = end < buffer.length && buffer.charCodeAt(end) === separator;
        const valueEnd = !atSeparator && end > pos && buffer.charCodeAt(end - 1) === CR ? end - 1 : end;
        fields.push(buffer.slice(pos, valueEnd));
        if (atSeparator) {
          pos = end + 1;
          continue;
        }
        pos = valueEnd;
      }
      // The record ends here: `pos` is at CR, LF or the end of the text.
      let next = pos;
      if (buffer.charCodeAt(pos) === CR) {
        if (pos + 1 < buffer.length && buffer.charCodeAt(pos + 1) === LF) {
          this.noteLineBreak(true);
          next = pos + 2;
        } else if (pos + 1 >= buffer.length) {
          if (!final) return null; // is a LF next? The next chunk says.
          next = pos + 1;
        } else {
          throw new CsvError(
            this.file,
            this.line + lines,
            'a carriage return without a line feed ends a record: only CRLF and LF line breaks are read',
          );
        }
      } else if (buffer.charCodeAt(pos) === LF) {
        this.noteLineBreak(false);
        next = pos + 1;
      }
      const record = { fields, raw: buffer.slice(start, pos), line: this.line };
      this.line += lines + 1;
      return { record, next };
    }
  }
}

function countLineFeeds(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/**
 * The separator of a CSV from its first record: the one of `;`, `,` and tab found most often
 * outside quotes (`;`, the Danish spreadsheet default, when none is). Null while the first
 * record is incomplete and more text may come.
 */
export function detectSeparator(text: string, final: boolean): string | null {
  const counts = new Map<string, number>(DETECTED_SEPARATORS.map((separator) => [separator, 0]));
  let quoted = false;
  let i = 0;
  for (; i < text.length; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '\n') break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  if (i >= text.length && !final) return null;
  let best: string = DETECTED_SEPARATORS[0];
  for (const [separator, count] of counts) if (count > counts.get(best)!) best = separator;
  return best;
}

/** A field as CSV: quoted (quotes doubled) when it holds the separator, a quote or a line break. */
export function csvField(value: string, separator: string): string {
  if (value.includes(separator) || /["\r\n]/.test(value)) return `"${value.replaceAll('"', '""')}"`;
  return value;
}

/**
 * Decodes a byte stream as text. UTF-8 is decoded strictly: invalid bytes throw, telling the
 * caller to give Latin-1, rather than turning æ, ø, å into replacement characters in the output.
 */
export class CsvDecoder {
  private readonly utf8: TextDecoder | null;

  constructor(readonly encoding: CsvEncoding) {
    this.utf8 = encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }) : null;
  }

  /** The text of the next chunk; throws `TypeError` on invalid UTF-8. */
  decode(chunk: Uint8Array): string {
    if (this.utf8) return this.utf8.decode(chunk, { stream: true });
    return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
  }

  /** The end of the input: throws on an incomplete UTF-8 sequence. */
  end(): string {
    return this.utf8 ? this.utf8.decode() : '';
  }
}

// Characters beyond Latin-1 (U+0100 and up), which a Latin-1 file cannot hold.
const BEYOND_LATIN1 = /[\u0100-\uffff]/g;

/** Encodes text; in Latin-1, a character it cannot hold becomes `?` (never a wrong byte). */
export function encodeCsvText(text: string, encoding: CsvEncoding): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  return Buffer.from(text.replace(BEYOND_LATIN1, '?'), 'latin1');
}
