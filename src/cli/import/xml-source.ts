import { createReadStream } from 'node:fs';
import { SorImportError, type SourcePosition } from './errors.js';
import {
  InvalidTextError,
  StrictTextDecoder,
  UnsupportedEncodingError,
  sniffEncoding,
} from './text-decoding.js';

/**
 * Where an export's XML comes from: a file path, or a producer that writes the XML in chunks (the
 * generator feeding the build directly, so the demo data needs no 100 MB file on disk). `name`
 * stands for the file in positions and messages.
 */
export type SorXmlSource =
  string | { name: string; produce: (write: (chunk: string) => void) => Promise<unknown> };

/** The name a source goes by in positions and messages. */
export function sourceName(source: SorXmlSource): string {
  return typeof source === 'string' ? source : source.name;
}

/** What `feedXml` writes to: an XML parser (saxes). */
export interface XmlSink {
  write(text: string): unknown;
  close(): unknown;
}

/** Options of `feedXml`. */
export interface FeedXmlOptions {
  /** Where the parser is now: a decoding error is reported there. */
  position: () => SourcePosition;
  /** The parser's own error, when it threw one (it may arrive wrapped or late). */
  parserFailure: () => SorImportError | null;
  /** Bytes read (or produced) so far. */
  onProgress?: (bytesRead: number) => void;
}

/**
 * Writes a source's XML into `sink` as text and closes it; resolves to the encoding the text was
 * decoded with (a file is decoded as its byte-order mark or XML declaration says; a producer's text
 * is `utf-8`). Every failure is a `SorImportError` with a position: an encoding this reader cannot
 * decode, a byte invalid in the encoding (at that byte), a file that cannot be read.
 */
export async function feedXml(source: SorXmlSource, sink: XmlSink, options: FeedXmlOptions): Promise<string> {
  const file = sourceName(source);
  if (typeof source !== 'string') {
    let produced = 0;
    try {
      await source.produce((chunk) => {
        sink.write(chunk);
        produced += Buffer.byteLength(chunk);
        options.onProgress?.(produced);
      });
      sink.close();
    } catch (error) {
      if (error instanceof SorImportError) throw error;
      throw options.parserFailure() ?? error;
    }
    return 'utf-8';
  }
  const stream = createReadStream(source, { highWaterMark: 1 << 18 });
  let decoder: StrictTextDecoder | null = null;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      decoder ??= new StrictTextDecoder(sniffEncoding(chunk, true));
      sink.write(decoder.decode(chunk));
      options.onProgress?.(stream.bytesRead);
    }
    if (decoder) sink.write(decoder.decode(new Uint8Array(0), true));
    sink.close();
  } catch (error) {
    stream.destroy();
    if (error instanceof SorImportError) throw error;
    if (error instanceof UnsupportedEncodingError) {
      throw new SorImportError({ file, line: 1, column: 1 }, error.message);
    }
    if (error instanceof InvalidTextError) {
      // The text before the bad byte goes to the parser, so its position is the bad byte's.
      sink.write(error.validText);
      throw new SorImportError(options.position(), `byte offset ${error.byteOffset}: ${error.message}`);
    }
    if ((error as NodeJS.ErrnoException).code) {
      throw new SorImportError(
        { file, line: 0, column: 0 },
        `cannot read the export: ${(error as Error).message}`,
      );
    }
    throw options.parserFailure() ?? error;
  }
  return decoder?.encoding ?? 'utf-8';
}
