import net from "node:net";

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
  close: () => Promise<void>;
};

type Pair = { client: net.Socket; upstream: net.Socket };

export async function startTcpProxy(
  target: { host: string; port: number },
  listenPort = 0,
): Promise<TcpProxy> {
  let mode: FaultMode = "open";
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

  const server = net.createServer((client) => {
    if (mode === "cut") return void client.destroy();
    const upstream = net.connect(target.port, target.host);
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
  });
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
    close: async () => {
      destroyAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
