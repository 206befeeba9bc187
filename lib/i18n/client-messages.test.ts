import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import ko from "@/messages/ko.json";
import {
  ADMIN_CLIENT_MESSAGES,
  clientMessages,
  pickMessages,
  PLAYER_CLIENT_MESSAGES,
  SEGMENT_CLIENT_MESSAGES,
  type MessageSegment,
} from "./client-messages";

const ROOT = process.cwd();
const ADMIN_DIRS = ["components/admin/", "components/rewards/admin/", "app/(admin)/"];

/** Every "use client" file and the namespaces its `useTranslations` calls name. */
function clientNamespaces(): { file: string; namespaces: string[] }[] {
  const out: { file: string; namespaces: string[] }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (/\.tsx?$/.test(entry.name)) {
        const text = fs.readFileSync(path.join(ROOT, rel), "utf8");
        if (!/^["']use client["']/m.test(text)) continue;
        const namespaces = [...text.matchAll(/useTranslations\(\s*(?:"([^"]*)")?\s*\)/g)].map(
          (m) => m[1] ?? "",
        );
        if (namespaces.length) out.push({ file: rel, namespaces });
      }
    }
  };
  for (const dir of ["app", "components", "lib"]) walk(dir);
  return out;
}

/** A source file an import names (`@/…` or relative), or null for a package. */
function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith(".")) base = path.join(path.dirname(from), spec);
  else return null;
  for (const ext of ["", ".tsx", ".ts", "/index.tsx", "/index.ts"]) {
    const f = path.join(ROOT, base + ext);
    if (fs.existsSync(f) && fs.statSync(f).isFile()) return path.relative(ROOT, f);
  }
  return null;
}

/** Every source file `entry` renders or runs through its imports (type-only imports left out). */
function importClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    for (const m of text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s*["']([^"']+)["']/gm)) {
      const next = resolveImport(file, m[1]!);
      if (next && /\.tsx?$/.test(next)) visit(next);
    }
  };
  visit(entry);
  return seen;
}

/** The route files: pages, layouts and the error and not-found pages. */
function routeFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "api") walk(rel);
      } else if (/^(page|layout|error|not-found|loading|template)\.tsx$/.test(entry.name)) out.push(rel);
    }
  };
  walk("app");
  return out;
}

/** The segments a `<SegmentMessages segment="…">` in the route file or a layout above it adds. */
function segmentsAbove(route: string): MessageSegment[] {
  const found: MessageSegment[] = [];
  const scan = (file: string) => {
    const full = path.join(ROOT, file);
    if (!fs.existsSync(full)) return;
    for (const m of fs.readFileSync(full, "utf8").matchAll(/<SegmentMessages\s+segment="([^"]+)"/g))
      found.push(m[1] as MessageSegment);
  };
  scan(route);
  for (let dir = path.dirname(route); dir !== "." && dir !== ""; dir = path.dirname(dir)) {
    const layout = path.join(dir, "layout.tsx");
    if (layout !== route) scan(layout);
    if (dir === "app") break;
  }
  return [...new Set(found)];
}

const covers = (paths: readonly string[], ns: string) =>
  ns !== "" && paths.some((p) => ns === p || ns.startsWith(`${p}.`));

describe("the messages sent to the browser", () => {
  const files = clientNamespaces();

  it("finds the client components (the scan itself works)", () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.file.startsWith("components/admin/"))).toBe(true);
  });

  it("hold every namespace a client component reads wherever it can render: every page's part, its segment's, the console's", () => {
    const byFile = new Map(files.map((f) => [f.file, f.namespaces]));
    const missing: string[] = [];
    // The console: its own folders, under the admin layout (players' part + the console's).
    for (const { file, namespaces } of files) {
      if (!ADMIN_DIRS.some((d) => file.startsWith(d))) continue;
      const paths = [...PLAYER_CLIENT_MESSAGES, ...ADMIN_CLIENT_MESSAGES];
      for (const ns of namespaces) if (!covers(paths, ns)) missing.push(`${file}: "${ns}"`);
    }
    // Every route file, by what it imports: its segment's part where a `SegmentMessages` wraps
    // it (in itself or a layout above it; the console's layout is one), else only every page's part.
    const routes = routeFiles();
    expect(routes).toContain("app/layout.tsx");
    expect(routes).toContain("app/(play)/page.tsx");
    for (const route of routes) {
      const segments = segmentsAbove(route);
      const paths = [...PLAYER_CLIENT_MESSAGES, ...segments.flatMap((s) => SEGMENT_CLIENT_MESSAGES[s])];
      for (const file of importClosure(route)) {
        for (const ns of byFile.get(file) ?? [])
          if (!covers(paths, ns)) missing.push(`${file} (rendered by ${route}): "${ns}"`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("each segment's part is sent by some route, and the board's part is not on every page", () => {
    const used = new Set(routeFiles().flatMap(segmentsAbove));
    expect([...used].sort()).toEqual(Object.keys(SEGMENT_CLIENT_MESSAGES).sort());
    expect(PLAYER_CLIENT_MESSAGES).not.toContain("board");
    // The import scan sees through aliases and relative paths (the check above relies on it).
    expect(importClosure("app/(play)/page.tsx")).toContain("components/board/symbol-card.tsx");
  });

  it("name parts that exist in both languages, and leave the server's catalogue out", () => {
    for (const messages of [en, ko]) {
      for (const p of [...PLAYER_CLIENT_MESSAGES, ...ADMIN_CLIENT_MESSAGES])
        expect(pickMessages(messages, [p]), p).not.toEqual({});
      const player = clientMessages(messages, "player");
      expect(Object.keys(player)).not.toContain("admin");
      expect(Object.keys(player)).not.toContain("serverErrors");
      expect(JSON.stringify(player).length).toBeLessThan(JSON.stringify(messages).length / 2);
      expect(clientMessages(messages, "admin")).toMatchObject({ admin: { form: messages.admin.form } });
    }
  });
});
