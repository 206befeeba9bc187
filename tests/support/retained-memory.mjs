/**
 * Preloaded into a server under test (`NODE_OPTIONS=--import …`, RETAINED_MEMORY_FILE set):
 * on SIGUSR2 the process collects all its garbage, then appends one line to the file — its pid
 * and what it still holds (heap in use, memory outside the heap, RSS). A leak shows there, in
 * memory that survives a full collection; RSS alone also moves with when the collector chose
 * to run, which on a slow machine can be once in minutes.
 */
import fs from "node:fs";
import v8 from "node:v8";
import vm from "node:vm";

const file = process.env.RETAINED_MEMORY_FILE;
if (file) {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc");
  process.on("SIGUSR2", () => {
    // Twice: what the first collection's finalizers released goes in the second.
    gc();
    gc();
    const m = process.memoryUsage();
    const line = { pid: process.pid, heapUsed: m.heapUsed, external: m.external, rss: m.rss };
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
  });
}
