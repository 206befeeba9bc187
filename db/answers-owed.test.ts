import { describe, expect, it } from "vitest";
import { AnswersOwed } from "./answers-owed";

const typed = (type: string, body: Buffer = Buffer.alloc(0)) => {
  const h = Buffer.alloc(5);
  h.write(type, 0, "latin1");
  h.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([h, body]);
};
const untyped = (code: number, body: Buffer = Buffer.alloc(0)) => {
  const h = Buffer.alloc(8);
  h.writeInt32BE(body.length + 8, 0);
  h.writeInt32BE(code, 4);
  return Buffer.concat([h, body]);
};
const startup = untyped(196608, Buffer.from("user\0ox\0database\0ox\0\0"));
const query = (sql: string) => typed("Q", Buffer.from(`${sql}\0`));
const ready = typed("Z", Buffer.from("I"));
const row = typed("D", Buffer.alloc(300, 7));
const answer = Buffer.concat([
  typed("T", Buffer.alloc(20)),
  row,
  row,
  typed("C", Buffer.from("SELECT 2\0")),
  ready,
]);
/** The bytes one at a time: every header and body split across chunks. */
const bytewise = (feed: (b: Uint8Array) => void, buf: Buffer) => {
  for (let i = 0; i < buf.length; i++) feed(buf.subarray(i, i + 1));
};

describe("AnswersOwed", () => {
  it("owes a ReadyForQuery for the startup and for each query, pipelined, until each arrives", () => {
    const a = new AnswersOwed();
    a.wrote(startup);
    expect(a.waiting).toBe(true);
    a.received(
      Buffer.concat([
        typed("R", Buffer.alloc(4)),
        typed("S", Buffer.from("a\0b\0")),
        typed("K", Buffer.alloc(8)),
      ]),
    );
    expect(a.waiting).toBe(true);
    a.received(ready);
    expect(a.waiting).toBe(false);
    // Two statements written, then the first answer: the second is still owed.
    a.wrote(Buffer.concat([query("select 1"), query("select 2")]));
    a.received(answer);
    expect([a.waiting, a.readyForQuery]).toEqual([true, 1]);
    a.received(answer);
    expect([a.waiting, a.readyForQuery, a.readable]).toEqual([false, 0, true]);
  });

  it("frames messages split anywhere across chunks, in both directions", () => {
    const a = new AnswersOwed();
    bytewise((b) => a.wrote(b), Buffer.concat([startup, query("select 1"), query("select 2")]));
    expect(a.readyForQuery).toBe(3);
    bytewise((b) => a.received(b), Buffer.concat([ready, answer]));
    expect(a.readyForQuery).toBe(1);
    bytewise((b) => a.received(b), answer);
    expect([a.waiting, a.readable]).toEqual([false, true]);
  });

  it("counts each Sync of the extended protocol, and a Flush until what it flushed arrives", () => {
    const a = new AnswersOwed();
    a.wrote(startup);
    a.received(ready);
    // Parse + Describe + Flush: a description is owed, no ReadyForQuery.
    a.wrote(
      Buffer.concat([
        typed("P", Buffer.from("s1\0select $1\0\0\0")),
        typed("D", Buffer.from("Ss1\0")),
        typed("H"),
      ]),
    );
    expect([a.waiting, a.readyForQuery]).toEqual([true, 0]);
    a.received(Buffer.concat([typed("1"), typed("t", Buffer.alloc(6))]));
    expect(a.waiting).toBe(true);
    a.received(typed("T", Buffer.alloc(20)));
    expect(a.waiting).toBe(false);
    // Bind + Execute + Sync, twice.
    const run = Buffer.concat([typed("B", Buffer.alloc(12)), typed("E", Buffer.alloc(5)), typed("S")]);
    a.wrote(Buffer.concat([run, run]));
    expect(a.readyForQuery).toBe(2);
    a.received(Buffer.concat([typed("2"), row, typed("C", Buffer.from("SELECT 1\0")), ready]));
    expect(a.readyForQuery).toBe(1);
    // An error skips to the Sync, whose ReadyForQuery still comes.
    a.received(Buffer.concat([typed("E", Buffer.from("SERROR\0\0")), ready]));
    expect(a.waiting).toBe(false);
  });

  it("owes nothing for a cancel request or a Terminate", () => {
    const a = new AnswersOwed();
    a.wrote(untyped(80877102, Buffer.alloc(8)));
    expect(a.waiting).toBe(false);
    const b = new AnswersOwed();
    b.wrote(startup);
    b.received(ready);
    b.wrote(typed("X"));
    expect([b.waiting, b.readable]).toEqual([false, true]);
  });

  it("gives up on streams it cannot read: TLS or GSS negotiated, a direct TLS handshake, bytes that do not frame", () => {
    for (const first of [
      untyped(80877103),
      untyped(80877104),
      Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]),
    ]) {
      const a = new AnswersOwed();
      a.wrote(first);
      a.wrote(query("select 1"));
      expect([a.readable, a.waiting]).toEqual([false, false]);
    }
    const a = new AnswersOwed();
    a.wrote(startup);
    a.received(Buffer.from([0x5a, 0, 0, 0, 1]));
    expect([a.readable, a.waiting]).toEqual([false, false]);
  });
});
