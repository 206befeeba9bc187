/**
 * Gzipped first-load JavaScript per route, from the build's own bundle stats
 * (`.next/diagnostics/route-bundle-stats.json`, written by `next build` in Next 16).
 */
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export type RouteBundle = { route: string; gzipBytes: number; rawBytes: number; chunks: number };

type Stat = { route: string; firstLoadUncompressedJsBytes: number; firstLoadChunkPaths: string[] };

/** Chunk paths in the stats are relative to the project root. */
export function routeBundles(
  root = process.cwd(),
  distDir = process.env.NEXT_DIST_DIR ?? ".next",
): RouteBundle[] {
  const file = path.join(root, distDir, "diagnostics", "route-bundle-stats.json");
  const stats = JSON.parse(fs.readFileSync(file, "utf8")) as Stat[];
  const gz = new Map<string, number>();
  const sizeOf = (chunk: string) => {
    let size = gz.get(chunk);
    if (size === undefined) {
      size = gzipSync(fs.readFileSync(path.join(root, chunk)), { level: 9 }).length;
      gz.set(chunk, size);
    }
    return size;
  };
  return stats
    .map((s) => ({
      route: s.route,
      rawBytes: s.firstLoadUncompressedJsBytes,
      gzipBytes: s.firstLoadChunkPaths.reduce((sum, c) => sum + sizeOf(c), 0),
      chunks: s.firstLoadChunkPaths.length,
    }))
    .sort((a, b) => a.route.localeCompare(b.route));
}
