import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import tls from "node:tls";

/**
 * A loopback TCP proxy in front of a server (PostgreSQL in our tests) that a test can break:
 *
 * - `cut()`: every open connection is destroyed and new ones are dropped on accept — the link
 *   is gone (a crashed server or a pulled cable with resets).
 * - `stall()`: connections stay open and new ones are accepted, but nothing is forwarded
 *   either way — a hung server or a black-holed link, which only a client-side timeout notices.
 * - `restore()`: forwarding resumes for new connections; the ones that lived through a cut or
 *   a stall are closed, since bytes were lost on them.
 * - `cutWhen(match)`: cut the moment a client→server chunk matches (before it is forwarded),
 *   to kill work at a chosen statement.
 *
 * With `tls` it also terminates TLS the way PostgreSQL does: a client's SSLRequest is answered
 * 'S' and the rest of the connection is TLS (this certificate) on the client's side and plain on
 * the server's, so a test can run the client over TLS against a server without it. A client
 * that starts in plain text is forwarded as it is.
 *
 * The machine's PostgreSQL is never touched.
 */
export type FaultMode = "open" | "cut" | "stalled";

export type TcpProxy = {
  port: number;
  url: (databaseUrl: string) => string;
  mode: () => FaultMode;
  cut: () => void;
  stall: () => void;
  restore: () => void;
  cutWhen: (match: (chunk: Buffer) => boolean) => Promise<void>;
  connections: () => number;
  /** TLS handshakes completed (with the `tls` option). */
  tlsHandshakes: () => number;
  close: () => Promise<void>;
};

type Pair = { client: net.Socket; upstream: net.Socket };

/** A self-signed certificate for localhost (tests/fixtures/tls). */
export const TEST_TLS = {
  key: fs.readFileSync(path.join(process.cwd(), "tests", "fixtures", "tls", "localhost.key")),
  cert: fs.readFileSync(path.join(process.cwd(), "tests", "fixtures", "tls", "localhost.crt")),
};

const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

export async function startTcpProxy(
  target: { host: string; port: number },
  listenPort = 0,
  options: { tls?: { key: Buffer; cert: Buffer } } = {},
): Promise<TcpProxy> {
  let mode: FaultMode = "open";
  let handshakes = 0;
  const pairs = new Set<Pair>();
  let trigger: { match: (chunk: Buffer) => boolean; fired: () => void } | null = null;

  const destroyAll = () => {
    for (const p of pairs) {
      p.client.destroy();
      p.upstream.destroy();
    }
    pairs.clear();
  };

  const cut = () => {
    mode = "cut";
    destroyAll();
  };

  const accept = (socket: net.Socket) => {
    if (mode === "cut") return void socket.destroy();
    const secure = options.tls;
    if (!secure) return link(socket);
    socket.once("data", (first: Buffer) => {
      if (!first.equals(SSL_REQUEST)) return link(socket, first);
      socket.write("S");
      const tlsSocket = new tls.TLSSocket(socket, { isServer: true, ...secure });
      tlsSocket.once("secure", () => handshakes++);
      link(tlsSocket);
    });
  };

  const link = (client: net.Socket, first?: Buffer) => {
    const upstream = net.connect(target.port, target.host);
    if (first) upstream.write(first);
    const pair: Pair = { client, upstream };
    pairs.add(pair);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    client.on("data", (chunk: Buffer) => {
      if (trigger && trigger.match(chunk)) {
        const fired = trigger.fired;
        trigger = null;
        cut();
        fired();
        return;
      }
      if (mode === "open") upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (mode === "open") client.write(chunk);
    });
  };

  const server = net.createServer(accept);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listenPort, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    url: (databaseUrl) => {
      const u = new URL(databaseUrl);
      u.hostname = "127.0.0.1";
      u.port = String(port);
      return u.toString();
    },
    mode: () => mode,
    cut,
    stall: () => {
      mode = "stalled";
    },
    restore: () => {
      destroyAll();
      mode = "open";
    },
    cutWhen: (match) =>
      new Promise<void>((resolve) => {
        trigger = { match, fired: resolve };
      }),
    connections: () => pairs.size,
    tlsHandshakes: () => handshakes,
    close: async () => {
      destroyAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
