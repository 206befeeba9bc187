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
    return {
      passed: r.numPassedTests,
      failed: r.numFailedTests,
      skipped: r.numPendingTests + (r.numTodoTests ?? 0),
    };
  }
  if (r.stats)
    return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped };
  return null;
}

const total = { passed: 0, failed: 0, skipped: 0 };
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
  const c = countsOf(path.join(dir, file));
  if (c) for (const k of Object.keys(total)) total[k] += c[k];
}

const stepsFile = path.join(dir, "failed-steps");
const stepTails = [];
if (fs.existsSync(stepsFile)) {
  for (const line of fs.readFileSync(stepsFile, "utf8").split("\n").filter(Boolean)) {
    const [name, report, log] = line.split("\t");
    const c = report && report !== "-" ? countsOf(report) : null;
    if (!c || c.failed === 0) {
      total.failed += 1;
      // No failing test says why: the step's own last lines do.
      if (log && fs.existsSync(log)) stepTails.push([name, fs.readFileSync(log, "utf8")]);
    }
  }
}
// PostgreSQL-only tests (titles tagged "[postgres-only]", tests/integration/support/postgres-only.ts)
// are skipped on PGlite and run on PostgreSQL. One that ran in no report was not checked at all:
// say so loudly, and in CI count it as a failure.
const TAG = "[postgres-only]";
const pgRan = new Set();
const pgSkipped = new Set();
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
  const r = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  for (const suite of r.testResults ?? []) {
    for (const a of suite.assertionResults ?? []) {
      if (!a.fullName?.includes(TAG)) continue;
      const id = `${path.relative(process.cwd(), suite.name)} › ${a.fullName}`;
      (a.status === "passed" || a.status === "failed" ? pgRan : pgSkipped).add(id);
    }
  }
}
const notRun = [...pgSkipped].filter((id) => !pgRan.has(id));
if (notRun.length) {
  const bar = "!".repeat(78);
  console.log(
    `${bar}\n!! ${notRun.length} PostgreSQL-only test(s) were SKIPPED: races and lock waits were NOT checked.`,
  );
  for (const id of notRun) console.log(`!!   - ${id}`);
  console.log(
    `!! Run them with PostgreSQL: TEST_PG_URL=postgres://… npm test${process.env.CI ? " (CI: counted as a failure)" : ""}\n${bar}`,
  );
  if (process.env.CI) total.failed += 1;
}

// What failed, and why, just above the closing line: a CI log is often read from its tail only.
const failures = [];
const strip = (s) => String(s ?? "").replace(/\u001b\[[0-9;]*m/g, "");
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
  const r = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  for (const suite of r.testResults ?? []) {
    const where = path.relative(process.cwd(), suite.name);
    for (const a of suite.assertionResults ?? [])
      if (a.status === "failed")
        failures.push([`${where} › ${a.fullName}`, (a.failureMessages ?? []).join("\n")]);
    if (suite.status === "failed" && !(suite.assertionResults ?? []).some((a) => a.status === "failed"))
      failures.push([where, suite.message ?? "the file failed outside its tests"]);
  }
  const walk = (s, trail) => {
    for (const spec of s.specs ?? [])
      for (const t of spec.tests ?? [])
        if (t.status === "unexpected")
          failures.push([
            `${[...trail, spec.title].join(" › ")} [${t.projectName}]`,
            (t.results ?? []).map((x) => x.error?.message ?? "").join("\n"),
          ]);
    for (const child of s.suites ?? []) walk(child, [...trail, child.title]);
  };
  for (const s of r.suites ?? []) walk(s, [s.title]);
}
for (const [name, text] of stepTails) {
  console.log(`step "${name}" failed; its last lines:`);
  for (const line of strip(text)
    .split("\n")
    .filter((l) => l.trim())
    .slice(-25))
    console.log(`  | ${line.slice(0, 300)}`);
}
if (failures.length) {
  console.log(`failed tests (${failures.length}):`);
  for (const [name, message] of failures.slice(0, 20)) {
    console.log(`  ✗ ${name}`);
    for (const line of strip(message)
      .split("\n")
      .filter((l) => l.trim() && !/^\s*at .*node_modules/.test(l))
      .slice(0, 30))
      console.log(`      ${line.slice(0, 400)}`);
  }
}

console.log(
  `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`,
);
