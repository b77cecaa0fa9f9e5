// a growable UTF-8 byte buffer fed with short strings: keeps the hot loop's strings young and cheap to collect.

const FLUSH_CHARS = 8192;

/** Accumulates text and encodes it into one contiguous, transferable byte buffer. */
export class TextBuffer {
  private bytes: Buffer;
  private length = 0;
  private pending = "";

  /** capacityHint: expected total bytes; the buffer grows if it is exceeded. */
  constructor(capacityHint: number) {
    this.bytes = Buffer.allocUnsafeSlow(Math.max(1024, capacityHint));
  }

  /** Appends text. */
  add(text: string): void {
    this.pending += text;
    if (this.pending.length >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    const worst = this.pending.length * 3;
    if (this.length + worst > this.bytes.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.length + worst));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    this.length += this.bytes.write(this.pending, this.length, "utf8");
    this.pending = "";
  }

  /** The encoded bytes; a view on a buffer of its own (offset 0), so its ArrayBuffer can be transferred. */
  finish(): Uint8Array {
    this.flush();
    return new Uint8Array(this.bytes.buffer, 0, this.length);
  }
}
