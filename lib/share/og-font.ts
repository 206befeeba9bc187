import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { processSingleton } from "@/lib/process-singleton";

/** The share card's font (lib/share/fonts/README.md), read once per process. */
const font = processSingleton("share-og-font", () => ({ data: null as Promise<Buffer> | null }));

export function shareCardFont(): Promise<Buffer> {
  font.data ??= readFile(path.join(process.cwd(), "lib", "share", "fonts", "NotoSansKR-Bold.subset.otf"));
  return font.data;
}
