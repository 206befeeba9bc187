// Adds up the JSON reports of every runner and prints one closing line: "N passed, N failed".
// A step that failed without a failing test in its report (type errors, lint, the build, a
// crashed runner, an unhandled error) counts as one failure.
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2];

function countsOf(file) {
  if (!fs.existsSync(file)) return null;
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  if (typeof r.numPassedTests === "number") {
    return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + (r.numTodoTests ?? 0) };
  }
  if (r.stats) return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped };
  return null;
}

const total = { passed: 0, failed: 0, skipped: 0 };
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
  const c = countsOf(path.join(dir, file));
  if (c) for (const k of Object.keys(total)) total[k] += c[k];
}

const stepsFile = path.join(dir, "failed-steps");
if (fs.existsSync(stepsFile)) {
  for (const line of fs.readFileSync(stepsFile, "utf8").split("\n").filter(Boolean)) {
    const [, report] = line.split("\t");
    const c = report && report !== "-" ? countsOf(report) : null;
    if (!c || c.failed === 0) total.failed += 1;
  }
}
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
