// The output of a bulk migration as large byte blocks. Each row is encoded straight into a block
// instead of being concatenated into one long string first: a million-row run then builds no
// string trees (whose flattening allocated large strings that outlived their row and grew the old
// heap past the 300 MB goal), and the writer gets few, large writes.
import type { CsvEncoding } from './csv.js';

/** The size of one output block: large enough that a write per block costs nothing per row. */
export const OUTPUT_BLOCK_BYTES = 1 << 20;

// The most bytes one UTF-16 code unit can take in UTF-8 (a lone surrogate, or a BMP character).
const MAX_UTF8_BYTES_PER_UNIT = 3;

/**
 * Collects output bytes into blocks of `blockBytes`; full blocks wait in a queue until `drain`
 * hands them, in order, to the writer (awaited: the writer's backpressure holds the reading back).
 * Adding is synchronous, so a row loop needs no `await` per row.
 */
export class OutputBlocks {
  private block: Buffer;
  private used = 0;
  private readonly full: Buffer[] = [];
  private readonly bufferEncoding: BufferEncoding;

  constructor(
    private readonly encoding: CsvEncoding,
    private readonly write: (bytes: Uint8Array) => void | Promise<void>,
    private readonly blockBytes = OUTPUT_BLOCK_BYTES,
  ) {
    this.bufferEncoding = encoding === 'utf-8' ? 'utf8' : 'latin1';
    this.block = Buffer.allocUnsafe(blockBytes);
  }

  /**
   * Adds text read from the input in the output's encoding: text that `CsvDecoder` decoded with
   * the same encoding, so each of its characters has a byte there (a Latin-1 input's text holds
   * nothing beyond U+00FF). Text from elsewhere goes through `encodeCsvText` and `addBytes`.
   */
  addInputText(text: string): void {
    const most = this.encoding === 'utf-8' ? text.length * MAX_UTF8_BYTES_PER_UNIT : text.length;
    if (most > this.blockBytes - this.used) {
      // A record longer than a block (a huge quoted field) is encoded on its own.
      if (most > this.blockBytes) return this.addBytes(Buffer.from(text, this.bufferEncoding));
      this.closeBlock();
    }
    this.used += this.block.write(text, this.used, this.bufferEncoding);
  }

  /** Adds bytes already encoded in the output's encoding. */
  addBytes(bytes: Uint8Array): void {
    if (bytes.length > this.blockBytes - this.used) {
      this.closeBlock();
      if (bytes.length > this.blockBytes) {
        this.full.push(Buffer.from(bytes));
        return;
      }
    }
    this.block.set(bytes, this.used);
    this.used += bytes.length;
  }

  /** Hands every full block to the writer, in order. */
  async drain(): Promise<void> {
    while (this.full.length > 0) await this.write(this.full.shift()!);
  }

  /** Closes the last, partly filled block and hands everything to the writer. */
  async end(): Promise<void> {
    this.closeBlock();
    await this.drain();
  }

  // The block goes to the queue as it is (no copy): the writer may keep it until it is written,
  // so a fresh block takes its place rather than being overwritten.
  private closeBlock(): void {
    if (this.used === 0) return;
    this.full.push(this.block.subarray(0, this.used));
    this.block = Buffer.allocUnsafe(this.blockBytes);
    this.used = 0;
  }
}
