/**
 * Which push endpoints the server will post to. A subscription's endpoint comes from the
 * browser, so it is an address a player chose: only https URLs on the known browser push
 * services are accepted (never an internal address), plus the local push service the tests run
 * (PUSH_TEST_ENDPOINT_ORIGIN, its scheme and host on any port; refused in production).
 */
const PUSH_SERVICE_HOSTS = [
  "fcm.googleapis.com",
  "android.googleapis.com",
  "updates.push.services.mozilla.com",
  "push.services.mozilla.com",
  "web.push.apple.com",
  "notify.windows.com",
  "push.apple.com",
];

export function isAllowedPushEndpoint(endpoint: string, testOrigin?: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (testOrigin) {
    const test = new URL(testOrigin);
    if (url.protocol === test.protocol && url.hostname === test.hostname) return true;
  }
  if (url.protocol !== "https:" || url.port !== "" || url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  return PUSH_SERVICE_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
}
