/** Gzipped first-load JS of a page, from the build's own stats (.next/diagnostics/route-bundle-stats.json). */
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

type Row = { route: string; firstLoadUncompressedJsBytes: number; firstLoadChunkPaths: string[] };

export function gzipKbOf(route: string, root = process.cwd()): number {
  const file = path.join(root, ".next", "diagnostics", "route-bundle-stats.json");
  const rows = JSON.parse(fs.readFileSync(file, "utf8")) as Row[];
  const row = rows.find((r) => r.route === route);
  if (!row) throw new Error(`no bundle stats for ${route} in ${file}`);
  const bytes = row.firstLoadChunkPaths.reduce(
    (sum, p) => sum + gzipSync(fs.readFileSync(path.join(root, p))).length,
    0,
  );
  return bytes / 1024;
}
