/**
 * The client's IP address, for per-IP rate limits on anonymous endpoints.
 *
 * Next's server records the socket's address in `X-Forwarded-For` when a request arrives
 * without one (route handlers see no socket), and keeps the header as it came otherwise. A
 * trusted reverse proxy appends the address it saw, so behind `hops` proxies the client is
 * the `hops`-th entry from the right and everything left of it is the client's own claim.
 * With no trusted proxy (`hops = 0`) the rightmost entry is the socket's address unless the
 * client sent the header itself, which is why a public deployment sits behind a proxy that
 * sets it (TRUSTED_PROXY_HOPS=1, docs/operations.md).
 */
export function clientIp(headers: Headers, trustedHops: number): string {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length === 0) return "unknown";
  const fromRight = Math.max(1, trustedHops);
  // Fewer entries than trusted hops: the request did not come through them all; take the farthest.
  const picked = chain.length >= fromRight ? chain[chain.length - fromRight]! : chain[0]!;
  return normalizeIp(picked);
}

/** IPv4-mapped IPv6 (`::ffff:1.2.3.4`) and `[v6]:port` / `v4:port` forms name one client. */
function normalizeIp(raw: string): string {
  let ip = raw.toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracketed) ip = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(":"));
  if (ip.startsWith("::ffff:") && ip.includes(".")) ip = ip.slice(7);
  return ip.slice(0, 64);
}
