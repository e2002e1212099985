/**
 * Byte → text decoding for the importer's inputs, strict about what it cannot read: an export
 * that declares ISO-8859-1 or windows-1252 is decoded as declared, UTF-16 with a byte-order mark
 * is read, and bytes that are not valid in the encoding fail with the offset of the first bad byte
 * (never a silent U+FFFD).
 */

/** The encodings the importer reads, by their WHATWG names. */
export type InputEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

// The labels an XML declaration may use for the encodings we read. WHATWG decodes ISO-8859-1 and
// US-ASCII as windows-1252, a superset of both for every byte an export holds in practice.
const DECLARED: Record<string, InputEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  'iso_8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'latin-1': 'windows-1252',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
};

/** Bytes that are not valid text in the input's encoding. */
export class InvalidTextError extends Error {
  constructor(
    /** The text decoded before the first bad byte (so a caller can say line and column). */
    readonly validText: string,
    /** The offset of the first bad byte from the start of the input. */
    readonly byteOffset: number,
    readonly encoding: InputEncoding,
    detail: string,
  ) {
    super(detail);
    this.name = 'InvalidTextError';
  }
}

/** An encoding the importer cannot read (named by the input's declaration or byte-order mark). */
export class UnsupportedEncodingError extends Error {
  constructor(readonly declared: string) {
    super(
      `the input declares encoding "${declared}"; sor-snapshot reads UTF-8, UTF-16 (with a byte-order mark), ISO-8859-1 and windows-1252`,
    );
    this.name = 'UnsupportedEncodingError';
  }
}

/**
 * Decides the encoding from the first bytes: a byte-order mark wins, then the XML declaration's
 * `encoding` (when `xml` is set), else UTF-8.
 */
export function sniffEncoding(head: Uint8Array, xml: boolean): InputEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // UTF-16 without a mark starts "<?" as 00 3C 00 3F or 3C 00 3F 00.
  if ((head[0] === 0 && head[1] === 0x3c) || (head[0] === 0x3c && head[1] === 0)) {
    throw new UnsupportedEncodingError('UTF-16 without a byte-order mark');
  }
  if (!xml) return 'utf-8';
  const start = Buffer.from(head.subarray(0, 200)).toString('latin1');
  const declaration = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(start);
  if (!declaration) return 'utf-8';
  const encoding = DECLARED[declaration[1].toLowerCase()];
  if (encoding === undefined) throw new UnsupportedEncodingError(declaration[1]);
  // A declaration read as single bytes can only name UTF-16 when the bytes are not UTF-16.
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    throw new UnsupportedEncodingError(`${declaration[1]} (but written in single bytes)`);
  }
  return encoding;
}

/** The offset of the first byte that does not belong to a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    // Sequence length and the range the second byte must fall in (no overlongs, no surrogates,
    // nothing above U+10FFFF), as RFC 3629 and WHATWG define well-formed UTF-8.
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined) return i;
      if (k === 1 ? next < low || next > high : next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}

// How many bytes at the end of `bytes` start a UTF-8 sequence the chunk does not complete.
function incompleteUtf8Tail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if (byte < 0x80) return 0;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return length > back ? back : 0;
    }
  }
  return 0;
}

/**
 * Decodes a byte stream chunk by chunk in one encoding. UTF-8 goes through the native decoder in
 * fatal mode; only when that refuses a chunk is it scanned byte by byte, to name the bad byte.
 */
export class StrictTextDecoder {
  private readonly decoder: TextDecoder;
  private carry: Uint8Array = new Uint8Array(0);
  private offset = 0;

  constructor(readonly encoding: InputEncoding) {
    // UTF-8 chunks are decoded one by one, so a mark must be kept (the XML parser skips it at the
    // start) rather than stripped from every chunk that happens to begin with one.
    this.decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: encoding === 'utf-8' });
  }

  /** Decodes the next chunk; `final` for the last one. Throws `InvalidTextError`. */
  decode(chunk: Uint8Array, final = false): string {
    if (this.encoding !== 'utf-8') return this.decodeOther(chunk, final);
    let bytes = chunk;
    if (this.carry.length > 0) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry);
      bytes.set(chunk, this.carry.length);
    }
    const keep = final ? 0 : incompleteUtf8Tail(bytes);
    const whole = bytes.subarray(0, bytes.length - keep);
    const start = this.offset;
    this.carry = bytes.slice(bytes.length - keep);
    this.offset += whole.length;
    try {
      return this.decoder.decode(whole);
    } catch {
      const bad = firstInvalidUtf8(whole);
      const at = bad < 0 ? whole.length : bad;
      const lead = whole[at];
      const needs = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 1;
      const cut = bad < 0 || (final && whole.length - at < needs);
      const valid = new TextDecoder('utf-8').decode(whole.subarray(0, at));
      const shown = Array.from(whole.subarray(at, at + 4), (byte) => `0x${byte.toString(16).toUpperCase()}`);
      throw new InvalidTextError(
        valid,
        start + at,
        'utf-8',
        cut
          ? 'the input ends inside a UTF-8 sequence'
          : `invalid UTF-8 (bytes ${shown.join(' ')}); the input is not UTF-8, or declares the wrong encoding`,
      );
    }
  }

  private decodeOther(chunk: Uint8Array, final: boolean): string {
    try {
      return this.decoder.decode(chunk, { stream: !final });
    } catch {
      // Only UTF-16 can fail here (an unpaired surrogate or an odd byte count); windows-1252 maps
      // every byte.
      throw new InvalidTextError(
        '',
        this.offset,
        this.encoding,
        `invalid ${this.encoding.toUpperCase()} text`,
      );
    } finally {
      this.offset += chunk.length;
    }
  }
}

/** Line and 1-based column just after `text` (the position of the next character). */
export function positionAfter(text: string): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: text.length - lineStart + 1 };
}
