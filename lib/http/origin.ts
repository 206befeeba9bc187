/**
 * The origin writes must come from: PUBLIC_BASE_URL's when configured, else the request's own.
 * Pure, so the proxy (Server Actions) and the route and action wrappers share one rule.
 */
export function expectedOrigin(publicBaseUrl: string | undefined, requestOrigin: string): string {
  return publicBaseUrl ? new URL(publicBaseUrl).origin : requestOrigin;
}

export function isSameOrigin(
  origin: string | null,
  publicBaseUrl: string | undefined,
  requestOrigin: string,
): boolean {
  return Boolean(origin) && origin === expectedOrigin(publicBaseUrl, requestOrigin);
}
