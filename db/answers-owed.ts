/**
 * How many answers a PostgreSQL connection still owes, read off the bytes it carries (the
 * frontend/backend protocol, version 3): every simple Query ('Q') and every Sync ('S') is
 * answered by exactly one ReadyForQuery ('Z'), and so is the startup message; a Flush ('H')
 * is answered by whatever it flushed (a description, a suspended portal, an error). postgres.js
 * pipelines statements on a connection, so "written after the last byte received" is not the
 * same as "owed": the first statement's answer may arrive after the second was written.
 *
 * Messages are framed across chunk boundaries on both streams. When the stream stops being
 * plain protocol — an SSLRequest or GSSENCRequest (the rest is encrypted above this socket), a
 * direct TLS handshake, or bytes that do not frame — `readable` turns false for good and the
 * caller falls back to its own judgement.
 */
export class AnswersOwed {
  readyForQuery = 0;
  flushed = false;
  readable = true;
  private started = false;
  private readonly sent = new Framer(
    () => (this.started ? 5 : 8),
    (h) => this.frontend(h),
  );
  private readonly got = new Framer(
    () => 5,
    (h) => this.backend(h),
  );

  /** Something is owed: the server has not finished answering what was written. */
  get waiting(): boolean {
    return this.readyForQuery > 0 || this.flushed;
  }

  wrote(chunk: Uint8Array): void {
    if (this.readable) this.sent.push(chunk);
  }

  received(chunk: Uint8Array): void {
    if (this.readable) this.got.push(chunk);
  }

  private opaque(): number {
    this.readable = false;
    this.readyForQuery = 0;
    this.flushed = false;
    return Infinity;
  }

  /** A frontend message's header; returns the bytes of its body still to pass over (all of them, once opaque). */
  private frontend(h: Buffer): number {
    if (!this.started) {
      const length = h.readInt32BE(0);
      const code = h.readInt32BE(4);
      if (code === CANCEL_REQUEST) return Math.max(0, length - 8);
      // Protocol 3.x startup (3.0, 3.2): answered by a ReadyForQuery once authenticated.
      if (code >>> 16 !== 3 || length < 8) return this.opaque();
      this.started = true;
      this.readyForQuery++;
      return length - 8;
    }
    const length = h.readInt32BE(1);
    if (length < 4) return this.opaque();
    const type = h[0];
    if (type === Q || type === S) this.readyForQuery++;
    else if (type === H) this.flushed = true;
    return length - 4;
  }

  private backend(h: Buffer): number {
    const length = h.readInt32BE(1);
    if (length < 4) return this.opaque();
    const type = h[0]!;
    if (type === Z) {
      this.readyForQuery = Math.max(0, this.readyForQuery - 1);
      this.flushed = false;
    } else if (FLUSH_ANSWERS.has(type)) this.flushed = false;
    return length - 4;
  }
}

const CANCEL_REQUEST = 80877102;
const [Q, S, H, Z] = ["Q", "S", "H", "Z"].map((c) => c.charCodeAt(0)) as [number, number, number, number];
/** What ends the answer to a Flush: RowDescription, NoData, PortalSuspended, CommandComplete, ErrorResponse. */
const FLUSH_ANSWERS = new Set(["T", "n", "s", "C", "E"].map((c) => c.charCodeAt(0)));

/** Cuts a byte stream into messages: a header of `headerSize()` bytes, then a body to pass over. */
class Framer {
  private readonly header = Buffer.alloc(8);
  private have = 0;
  private skip = 0;

  constructor(
    private readonly headerSize: () => number,
    private readonly onHeader: (header: Buffer) => number,
  ) {}

  push(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - i);
        this.skip -= n;
        i += n;
        continue;
      }
      const size = this.headerSize();
      const n = Math.min(size - this.have, chunk.length - i);
      this.header.set(chunk.subarray(i, i + n), this.have);
      this.have += n;
      i += n;
      if (this.have < size) return;
      this.have = 0;
      this.skip = this.onHeader(this.header);
    }
  }
}
