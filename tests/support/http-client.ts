/**
 * A small HTTP client with a cookie jar, for driving the production build without a browser:
 * same-origin writes carry the site's Origin, redirects are followed by hand so each hop's
 * cookies are kept.
 */
export class HttpClient {
  private readonly jar = new Map<string, string>();
  /** The site's public origin (PUBLIC_BASE_URL): writes carry it, and URLs on it are sent to `baseUrl`. */
  readonly origin: string;

  constructor(
    readonly baseUrl: string,
    origin?: string,
  ) {
    this.origin = new URL(origin ?? baseUrl).origin;
  }

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  setCookie(name: string, value: string) {
    this.jar.set(name, value);
  }

  /** A second client holding a copy of this one's cookies (a "copied cookie"). */
  clone(baseUrl = this.baseUrl): HttpClient {
    const c = new HttpClient(baseUrl, this.origin);
    for (const [k, v] of this.jar) c.jar.set(k, v);
    return c;
  }

  async request(
    path: string,
    init: RequestInit & { json?: unknown; timeoutMs?: number } = {},
  ): Promise<Response> {
    let url = path.startsWith("http") ? path : `${this.baseUrl}${path}`;
    if (url.startsWith(`${this.origin}/`)) url = `${this.baseUrl}${url.slice(this.origin.length)}`;
    const own = new URL(url).origin === new URL(this.baseUrl).origin;
    const headers = new Headers(init.headers);
    if (own && this.jar.size > 0)
      headers.set("cookie", [...this.jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const method = init.method ?? (init.json !== undefined ? "POST" : "GET");
    if (method !== "GET" && method !== "HEAD" && !headers.has("origin")) headers.set("origin", this.origin);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(init.json);
    }
    const res = await fetch(url, {
      ...init,
      method,
      headers,
      body,
      redirect: "manual",
      signal: init.signal ?? AbortSignal.timeout(init.timeoutMs ?? 30_000),
    });
    if (own) this.keep(res);
    return res;
  }

  async json<T = Record<string, unknown>>(path: string, init: RequestInit & { json?: unknown } = {}) {
    const res = await this.request(path, init);
    const text = await res.text();
    let body: T;
    try {
      body = JSON.parse(text) as T;
    } catch {
      body = { raw: text } as T;
    }
    return { status: res.status, body, headers: res.headers };
  }

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some(
        (a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a),
      );
      if (expired || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
}
