/**
 * A local Web Push service for tests (no network): an https server on 127.0.0.1 (the test
 * certificate in tests/fixtures/push) that accepts what `web-push` posts to a subscription's
 * endpoint and decrypts it (RFC 8291, aes128gcm) with the subscription's own keys through
 * `http_ece`, as a browser would. `subscription()` makes the keys a browser would hold.
 */
import { createECDH, randomBytes } from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import ece from "http_ece";

const FIXTURES = path.join(process.cwd(), "tests", "fixtures", "push");
export const PUSH_TEST_CA_FILE = path.join(FIXTURES, "cert.pem");

export type ReceivedPush = {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  text: string;
};
type Keys = { ecdh: ReturnType<typeof createECDH>; auth: Buffer };

export type PushService = {
  origin: string;
  /** A subscription a browser would send us, with an endpoint on this service. */
  subscription(id?: string): {
    endpoint: string;
    expirationTime: null;
    keys: { p256dh: string; auth: string };
  };
  received: ReceivedPush[];
  /** Answer this status to endpoints under this id (404/410: the subscription is gone). */
  answer(id: string, status: number): void;
  waitFor(predicate: (p: ReceivedPush) => boolean, timeoutMs?: number): Promise<ReceivedPush>;
  close(): Promise<void>;
};

export async function startPushService(port = 0): Promise<PushService> {
  const keys = new Map<string, Keys>();
  const statuses = new Map<string, number>();
  const received: ReceivedPush[] = [];
  const server = https.createServer(
    { key: fs.readFileSync(path.join(FIXTURES, "key.pem")), cert: fs.readFileSync(PUSH_TEST_CA_FILE) },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const id = (req.url ?? "").split("/").pop() ?? "";
        const k = keys.get(id);
        const status = statuses.get(id) ?? (k ? 201 : 404);
        if (status === 201 && k) {
          const text = ece
            .decrypt(Buffer.concat(chunks), { version: "aes128gcm", privateKey: k.ecdh, authSecret: k.auth })
            .toString("utf8");
          received.push({ path: req.url ?? "", headers: req.headers, text });
        }
        res.writeHead(status).end();
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    subscription(id = randomBytes(8).toString("hex")) {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = randomBytes(16);
      keys.set(id, { ecdh, auth });
      return {
        endpoint: `${origin}/push/${id}`,
        expirationTime: null,
        keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") },
      };
    },
    answer: (id, status) => statuses.set(id, status),
    async waitFor(predicate, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const hit = received.find(predicate);
        if (hit) return hit;
        if (Date.now() > until)
          throw new Error(`no push received in ${timeoutMs} ms (${received.length} received)`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
