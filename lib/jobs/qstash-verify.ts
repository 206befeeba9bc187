/**
 * QStash signature check for scheduler callbacks. Fails closed: no keys, no public base URL,
 * development mode in production, a missing or bad signature → refused.
 *
 * Not `verifySignatureAppRouter` (it breaks `next build` without keys and never checks the
 * URL): a `Receiver` is built per request from the configuration given, with `devMode: false`
 * so the SDK never swaps in its public development keys because QSTASH_DEV happens to be
 * set, and with both keys so it never falls back to reading process.env itself. The URL
 * checked is the configured public base URL + the route, never the request's Host.
 */
import { Receiver } from "@upstash/qstash";

export type QstashVerifyConfig = {
  publicBaseUrl?: string;
  currentSigningKey?: string;
  nextSigningKey?: string;
  /** QSTASH_DEV: accept the local QStash development server's keys (never in production). */
  qstashDev: boolean;
  isProduction: boolean;
};

export type VerifyFailure =
  "dev_mode_in_production" | "not_configured" | "missing_signature" | "invalid_signature" | "missing_claims";
export type VerifyOutcome = { ok: true } | { ok: false; reason: VerifyFailure; detail?: string };

/** Seconds of clock difference tolerated on exp/nbf between QStash and this server. */
export const CLOCK_TOLERANCE_SECONDS = 10;

export async function verifyQstashSignature(
  config: QstashVerifyConfig,
  request: { signature: string | null; body: string; url: string },
): Promise<VerifyOutcome> {
  if (config.qstashDev && config.isProduction) return { ok: false, reason: "dev_mode_in_production" };
  if (!config.publicBaseUrl)
    return { ok: false, reason: "not_configured", detail: "PUBLIC_BASE_URL is not set" };
  const devMode = config.qstashDev;
  if (!devMode && (!config.currentSigningKey || !config.nextSigningKey)) {
    return {
      ok: false,
      reason: "not_configured",
      detail: "QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY are required",
    };
  }
  if (!request.signature) return { ok: false, reason: "missing_signature" };

  const receiver = devMode
    ? new Receiver({ devMode: true })
    : new Receiver({
        currentSigningKey: config.currentSigningKey,
        nextSigningKey: config.nextSigningKey,
        devMode: false,
      });
  try {
    await receiver.verify({
      signature: request.signature,
      body: request.body,
      url: request.url,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
  } catch (err) {
    return {
      ok: false,
      reason: "invalid_signature",
      detail: err instanceof Error ? err.message : String(err),
    };
  }
  // jose only checks exp/nbf when present; a QStash token always carries them.
  const claims = decodeClaims(request.signature);
  if (typeof claims?.exp !== "number" || typeof claims.nbf !== "number" || typeof claims.iat !== "number") {
    return { ok: false, reason: "missing_claims", detail: "exp, nbf and iat are required" };
  }
  return { ok: true };
}

function decodeClaims(token: string): Record<string, unknown> | null {
  try {
    const payload = token.split(".")[1];
    return payload
      ? (JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
