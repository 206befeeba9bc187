import net from "node:net";
import tls from "node:tls";
import { AnswersOwed } from "./answers-owed";

/**
 * The sockets postgres.js connects through (its `socket` option), so that a database that is
 * down or stalled costs a request seconds, not minutes:
 *
 * - **Silence.** A socket is destroyed when the server has sent nothing for `silenceMs` while
 *   it owes an answer (db/answers-owed.ts counts them off the protocol: postgres.js pipelines
 *   statements, so the answer to one may arrive after the next was written, and the next is
 *   still owed; on a stream it cannot read it falls back to "something was written after the
 *   last byte received"). postgres.js
 *   then fails the statements on it with CONNECTION_CLOSED (→ 503 `unavailable:database`) and
 *   reconnects on demand. A stalled link is invisible to every server-side timeout; this is
 *   what notices it. Silence is measured in real time from the later of the last byte received
 *   and the write that started the wait, and a verdict waits for the loop's next I/O poll: a
 *   busy event loop (a long computation, a loaded machine) makes Node's timers fire at once
 *   and holds answers unread, and neither may pass for silence. Idle connections are left to
 *   postgres.js (`idle_timeout`, db/client.ts), which ends only a connection nobody is using.
 * - **Fail fast while down.** After a connection attempt fails (refused, reset, or closed
 *   before the server said anything — a connect timeout), only one attempt at a time probes
 *   the server; the others fail at once instead of each waiting for the connect timeout. The
 *   first probe that hears from the server ends this.
 * - **TLS here, not in postgres.js.** postgres.js would set TLS up on top of the socket it was
 *   given, and the guard would see only the negotiation (a stall on a TLS link — any managed
 *   database — would go unnoticed). So the connection's `sslmode` is honoured here, as
 *   postgres.js would (`tlsOf` in db/client.ts reads it with postgres.js's own parser, and
 *   postgres.js is told `ssl: false`): the SSLRequest (or a direct TLS handshake), then the
 *   guard on the TLS socket, which carries the protocol in plain text.
 */
export type GuardedSocketFactory = (o: {
  host: string[];
  port: number[];
  path?: string | false;
}) => net.Socket | Promise<net.Socket>;

/** The TLS a connection asks for: postgres.js's `ssl` and `sslnegotiation` options. */
export type SocketTls = {
  ssl: boolean | string | tls.ConnectionOptions;
  negotiation: string | null;
  /** The bound on the SSLRequest and the handshake, ms (the connect timeout). */
  timeoutMs: number;
};

export function guardedSockets(silenceMs: number, secure?: SocketTls): GuardedSocketFactory {
  let failingSince: number | null = null;
  let probing = false;

  const failed = (isProbe: boolean) => {
    failingSince ??= performance.now();
    if (isProbe) probing = false;
  };

  return (o) => {
    if (failingSince !== null && probing) return failedSocket();
    const isProbe = failingSince !== null;
    if (isProbe) probing = true;
    const host = o.host[0] ?? "localhost";
    const raw = o.path ? net.connect(o.path) : net.connect(o.port[0] ?? 5432, host);
    if (!secure || secure.ssl === false) return guard(raw, isProbe);
    return withTls(raw, host, secure).then(
      (socket) => guard(socket, isProbe),
      (err: unknown) => {
        failed(isProbe);
        return failedSocket(err instanceof Error ? err.message : String(err));
      },
    );
  };

  function guard(socket: net.Socket, isProbe: boolean): net.Socket {
    let heard = false;
    let lastReceived = performance.now();
    let lastWritten = -Infinity;
    let waitingSince = 0;
    let waitTimer: ReturnType<typeof setTimeout> | null = null;
    let verdict: ReturnType<typeof setImmediate> | null = null;

    const answers = new AnswersOwed();
    const waiting = () => (answers.readable ? answers.waiting : lastWritten > lastReceived);
    const silentFor = () => performance.now() - Math.max(lastReceived, waitingSince);
    // A server that went silent is failing: reconnects probe it one at a time.
    const silenced = () => {
      failed(false);
      socket.destroy();
    };
    const checkWaiting = () => {
      waitTimer = null;
      if (!waiting()) return;
      const silent = silentFor();
      if (silent < silenceMs) {
        waitTimer = setTimeout(checkWaiting, silenceMs - silent);
        return;
      }
      // Timers run before the loop polls for I/O: an answer that came while the loop was busy
      // is read first, then the verdict.
      verdict ??= setImmediate(() => {
        verdict = null;
        if (!waiting()) return;
        if (silentFor() >= silenceMs) return silenced();
        waitTimer ??= setTimeout(checkWaiting, silenceMs - silentFor());
      });
    };
    if (silenceMs > 0) {
      const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
      socket.write = ((...args: unknown[]) => {
        const now = performance.now();
        const was = waiting();
        const chunk = args[0];
        answers.wrote(
          typeof chunk === "string"
            ? Buffer.from(chunk, typeof args[1] === "string" ? (args[1] as BufferEncoding) : "utf8")
            : (chunk as Uint8Array),
        );
        lastWritten = now;
        if (!was) waitingSince = now;
        waitTimer ??= setTimeout(checkWaiting, silenceMs);
        return write(...args);
      }) as typeof socket.write;
    }
    holdErrorsUntilClose(socket);
    socket.on("data", (chunk: Buffer) => {
      lastReceived = performance.now();
      if (silenceMs > 0) answers.received(chunk);
      if (!heard) {
        heard = true;
        failingSince = null;
        if (isProbe) probing = false;
      }
    });
    // Accepted, then closed before the server said anything (a proxy or balancer with nothing
    // behind it): an error, not a clean close — postgres.js would retry a clean close forever.
    socket.once("end", () => {
      if (!heard) socket.destroy(unreachable("the connection was closed before the database answered"));
    });
    socket.once("close", () => {
      if (waitTimer) clearTimeout(waitTimer);
      if (verdict) clearImmediate(verdict);
      if (!heard) failed(isProbe);
    });
    return socket;
  }
}

/**
 * TLS on a fresh connection the way postgres.js sets it up: an SSLRequest answered 'S' (with
 * `sslmode=prefer`, an 'N' keeps the connection in plain text), or a direct handshake with
 * `sslnegotiation=direct`; `require`, `allow` and `prefer` do not verify the certificate, an
 * object is passed to `tls.connect`, anything else verifies it against the host name.
 */
function withTls(raw: net.Socket, host: string, secure: SocketTls): Promise<net.Socket> {
  return new Promise<net.Socket>((resolve, reject) => {
    const fail = (err: Error) => {
      clearTimeout(timer);
      raw.destroy();
      reject(err);
    };
    const timer = setTimeout(
      () => fail(unreachable("the database did not set up TLS in time")),
      secure.timeoutMs > 0 ? secure.timeoutMs : 30_000,
    );
    const closed = () => fail(unreachable("the connection was closed while setting up TLS"));
    const settle = () => {
      clearTimeout(timer);
      raw.off("error", fail);
      raw.off("close", closed);
    };
    raw.on("error", fail);
    raw.once("close", closed);
    const handshake = () => {
      const options: tls.ConnectionOptions = {
        socket: raw,
        host,
        ...(net.isIP(host) ? {} : { servername: host }),
        ...(secure.negotiation === "direct" ? { ALPNProtocols: ["postgresql"] } : {}),
        ...(typeof secure.ssl === "string" && ["require", "allow", "prefer"].includes(secure.ssl)
          ? { rejectUnauthorized: false }
          : typeof secure.ssl === "object"
            ? secure.ssl
            : {}),
      };
      const socket = tls.connect(options);
      socket.once("error", fail);
      socket.once("secureConnect", () => {
        settle();
        socket.off("error", fail);
        // The TLS socket reports the connection's errors from here on.
        raw.on("error", () => {});
        resolve(socket);
      });
    };
    if (secure.negotiation === "direct") return void raw.once("connect", handshake);
    raw.write(SSL_REQUEST);
    raw.once("data", (answer: Buffer) => {
      if (answer[0] === 0x53) return handshake();
      if (secure.ssl === "prefer") {
        settle();
        return resolve(raw);
      }
      fail(unreachable("the database does not accept TLS connections"));
    });
  });
}

const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/**
 * A socket that fails the way a refused connection does, at the first write. With a socket
 * factory postgres.js writes its startup message at once and flushes it on the next
 * `setImmediate`; a socket that closed before that flush would leave the unsent message (and
 * a stale flush timer) in the connection, so the next connection would never send its own
 * startup message (CONNECT_TIMEOUT) or send two (08P01 "invalid frontend message type 0").
 */
function failedSocket(reason = "another attempt is probing it"): net.Socket {
  const socket = holdErrorsUntilClose(new net.Socket());
  const fail = () => {
    if (!socket.destroyed) socket.destroy(unreachable(`database unreachable (${reason})`));
  };
  socket.write = (() => {
    fail();
    return false;
  }) as typeof socket.write;
  // Should a caller never write, fail anyway once its listeners are attached.
  setTimeout(fail, 20).unref();
  return socket;
}

/**
 * Emit a socket's error only together with its close. postgres.js rejects what it has sent on
 * a connection when the socket errors, but keeps using the connection until the close, and
 * on a close after an error it does not reject what was sent in between: a statement issued
 * in that gap (a few milliseconds to tens of them under load) would wait forever. Emitted
 * back to back, nothing can be sent in between.
 */
function holdErrorsUntilClose(socket: net.Socket): net.Socket {
  const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
  let held: unknown[] | null = null;
  socket.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (event === "error") {
      held ??= args;
      return true;
    }
    if (event === "close" && held) {
      const error = held;
      held = null;
      emit("error", ...error);
    }
    return emit(event, ...args);
  }) as typeof socket.emit;
  return socket;
}

function unreachable(message: string): Error {
  return Object.assign(new Error(message), { code: "DATABASE_UNREACHABLE" });
}
