/**
 * Every admin surface refuses players and anonymous visitors, proven by enumeration: the test
 * walks the file tree, so a new route, page or action is covered without editing it.
 *
 * - Route handlers `app/api/admin/**\/route.ts`: every exported HTTP method, called in-process
 *   as Next calls it → 401 for an anonymous caller, 403 for a signed-in player.
 * - Server actions: every export of every `"use server"` file under `app/(admin)` → the action
 *   result `unauthorized:signin_required` / `forbidden:admin_only`; nothing else runs.
 * - Pages `app/(admin)/**\/page.tsx`: anonymous → the redirect to /signin, a player → Next's
 *   `forbidden()` (HTTP 403 with the forbidden page), exactly as `requireAdminPage` answers. A
 *   page that rendered anything for them instead fails (rendering needs Next's request scope).
 *
 * - An admin whose session has not passed the second factor gets the same 403s
 *   (`forbidden:second_factor_required`; a page renders the gate with 403), except on the two
 *   surfaces that pass it (`WAY_IN`), which must answer them.
 *
 * The request scope Next gives pages and actions (`headers()`, `cookies()`) is supplied at its
 * edge (next/headers); everything behind it — wrappers, guards, database — is the app's own.
 */
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { env } from "@/lib/env";
import { sessionCookie } from "../support/session-cookie";
import { serveAppFrom } from "./support/app-process";
import { useTestDb } from "./support/db";
import { createAdmin, createPlayer } from "./support/players";

const scope = vi.hoisted(() => ({ cookie: "" }));

vi.mock("next/headers", () => {
  const jar = () =>
    new Map(
      scope.cookie
        .split(";")
        .filter(Boolean)
        .map((c) => {
          const i = c.indexOf("=");
          return [c.slice(0, i).trim(), { name: c.slice(0, i).trim(), value: c.slice(i + 1) }] as const;
        }),
    );
  return {
    headers: async () =>
      new Headers({
        host: "localhost",
        origin: "http://localhost",
        "accept-language": "en",
        ...(scope.cookie ? { cookie: scope.cookie } : {}),
      }),
    cookies: async () => {
      const all = jar();
      return {
        get: (name: string) => all.get(name),
        getAll: () => [...all.values()],
        has: (n: string) => all.has(n),
      };
    },
  };
});

const ROOT = path.resolve(__dirname, "../..");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;

function walk(dir: string, match: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full, match));
    else if (match(full)) out.push(full);
  }
  return out.sort();
}

const rel = (file: string) => path.relative(ROOT, file);
/** `[id]` → a fresh uuid: an unknown id must still be refused before it is looked up. */
const segmentValue = () => randomUUID();
function urlOf(file: string, base: string): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const parts = path
    .relative(path.join(ROOT, base), path.dirname(file))
    .split(path.sep)
    .filter((p) => p && !/^\(.*\)$/.test(p))
    .map((p) => {
      const m = /^\[\.{0,3}(.+)\]$/.exec(p);
      if (!m) return p;
      params[m[1]!] = segmentValue();
      return params[m[1]!]!;
    });
  return { url: `/${parts.join("/")}`, params };
}

const routeFiles = walk(path.join(ROOT, "app/api/admin"), (f) => /[\\/]route\.tsx?$/.test(f));
const adminApp = path.join(ROOT, "app/(admin)");
const pageFiles = walk(adminApp, (f) => /[\\/]page\.tsx?$/.test(f));
const actionFiles = walk(
  adminApp,
  (f) => /\.tsx?$/.test(f) && /^\s*["']use server["']/.test(fs.readFileSync(f, "utf8")),
);

/** The surfaces an admin uses to pass the second factor: open to an admin who has not yet. */
const WAY_IN = ["app/api/admin/second-factor/route.ts", "app/(admin)/admin/second-factor/actions.ts"];

const t = useTestDb();
const undo: Array<() => void> = [];
let playerCookie = "";
let unconfirmedAdminCookie = "";

beforeAll(async () => {
  // What `next build` defines from next.config.ts's `experimental.authInterrupts` (on in this app).
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
  undo.push(serveAppFrom(t));
  playerCookie = await sessionCookie(t.db, (await createPlayer(t.db)).id, env().AUTH_SECRET);
  unconfirmedAdminCookie = await sessionCookie(t.db, (await createAdmin(t.db)).id, env().AUTH_SECRET);
});
afterAll(() => {
  for (const u of undo.splice(0)) u();
});

type Handler = (req: NextRequest, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;

describe("the admin surface is enumerated", () => {
  it("finds the routes, pages and actions it walks (the walk itself works)", () => {
    for (const way of WAY_IN) expect([...routeFiles, ...actionFiles].map(rel)).toContain(way);
    expect(routeFiles.length).toBeGreaterThanOrEqual(20);
    expect(pageFiles.length).toBeGreaterThanOrEqual(10);
    expect(actionFiles.length).toBeGreaterThanOrEqual(5);
  });
});

describe.each(routeFiles.map((f) => [rel(f), f] as const))("route %s", (name, file) => {
  it("answers anonymous 401, a player 403 and an admin without the second factor 403 on every method", async () => {
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const methods = HTTP_METHODS.filter((m) => typeof mod[m] === "function");
    expect(methods.length, "a route file exports at least one method").toBeGreaterThan(0);
    const { url, params } = urlOf(file, "app");
    for (const method of methods) {
      for (const [who, cookie, status, code] of [
        ["anonymous", "", 401, "unauthorized:signin_required"],
        ["player", playerCookie, 403, "forbidden:admin_only"],
        ["admin without the second factor", unconfirmedAdminCookie, 403, "forbidden:second_factor_required"],
      ] as const) {
        const headers: Record<string, string> = {
          origin: "http://localhost",
          "content-type": "application/json",
        };
        if (cookie) headers.cookie = cookie;
        const req = new NextRequest(`http://localhost${url}`, {
          method,
          headers,
          body: method === "GET" || method === "HEAD" ? undefined : "{}",
        });
        const res = await (mod[method] as Handler)(req, { params: Promise.resolve(params) });
        const body = (await res.json().catch(() => ({}))) as { code?: string };
        if (WAY_IN.includes(name) && code === "forbidden:second_factor_required") {
          expect(body.code ?? "", `${method} ${url} lets an admin in to pass the second factor`).not.toMatch(
            /^forbidden:/,
          );
          continue;
        }
        expect(res.status, `${method} ${url} as ${who}`).toBe(status);
        expect(body.code, `${method} ${url} as ${who}`).toBe(code);
      }
    }
  });
});

describe.each(actionFiles.map((f) => [rel(f), f] as const))("server actions of %s", (name, file) => {
  it("every export answers anonymous unauthorized, a player and an admin without the second factor forbidden", async () => {
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const actions = Object.entries(mod).filter(([, v]) => typeof v === "function");
    expect(actions.length).toBeGreaterThan(0);
    for (const [actionName, fn] of actions) {
      for (const [who, cookie, code] of [
        ["anonymous", "", "unauthorized:signin_required"],
        ["player", playerCookie, "forbidden:admin_only"],
        ["admin without the second factor", unconfirmedAdminCookie, "forbidden:second_factor_required"],
      ] as const) {
        scope.cookie = cookie;
        const result = (await (fn as (input: unknown) => Promise<unknown>)({})) as {
          ok: boolean;
          code?: string;
        };
        if (WAY_IN.includes(name) && code === "forbidden:second_factor_required") {
          expect(result.code ?? "", `${actionName} lets an admin in`).not.toMatch(/^forbidden:/);
          continue;
        }
        expect(result, `${actionName} as ${who}`).toMatchObject({ ok: false, code });
      }
    }
  });
});

/** What a page threw: Next's redirect and HTTP-error signals carry a `digest`. */
async function pageOutcome(render: () => Promise<unknown>): Promise<string> {
  try {
    await render();
    return "rendered";
  } catch (e) {
    const digest = (e as { digest?: unknown }).digest;
    if (typeof digest !== "string") throw e;
    if (digest.startsWith("NEXT_REDIRECT;")) return `redirect ${digest.split(";")[2]!.split("?")[0]}`;
    return digest;
  }
}

describe.each(pageFiles.map((f) => [rel(f), f] as const))("page %s", (_name, file) => {
  it("sends anonymous visitors to sign in and answers a player and an admin without the second factor 403", async () => {
    const mod = (await import(/* @vite-ignore */ file)) as { default: (props: unknown) => Promise<unknown> };
    const { params } = urlOf(file, "app/(admin)");
    const props = () => ({ params: Promise.resolve(params), searchParams: Promise.resolve({}) });
    scope.cookie = "";
    expect(await pageOutcome(() => mod.default(props()))).toBe("redirect /signin");
    scope.cookie = playerCookie;
    expect(await pageOutcome(() => mod.default(props()))).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
    scope.cookie = unconfirmedAdminCookie;
    expect(await pageOutcome(() => mod.default(props()))).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
  });
});
