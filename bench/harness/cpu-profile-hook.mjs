/**
 * Loaded with `NODE_OPTIONS=--import=…` into `next start` (Node refuses `--cpu-prof` in
 * NODE_OPTIONS): the same V8 CPU profiler `--cpu-prof` uses, started when the process gets
 * SIGUSR2 (after the benchmark's warm-up, so start-up and module loading stay out of it) and
 * written to $BENCH_CPU_PROFILE_DIR/<pid>.cpuprofile at exit. The in-process inspector session
 * answers synchronously, so the profile is written inside the 'exit' handler.
 */
import fs from "node:fs";
import inspector from "node:inspector";
import path from "node:path";

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 1000 });
  let started = false;
  process.on("SIGUSR2", () => {
    if (!started) session.post("Profiler.start");
    started = true;
  });
  process.on("exit", () => {
    if (!started) return;
    session.post("Profiler.stop", (err, result) => {
      if (!err) fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
