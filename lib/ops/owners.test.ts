/**
 * One owner per rule (docs/architecture.md, STYLE.md): the tables that carry a rule are written
 * by one module each. This reads the source tree and fails on a write anywhere else, in the
 * query builder (`insert(auditLog)`) or in SQL (`insert into audit_log`). Tests, benchmarks and
 * migrations set up state directly and are not scanned.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");
const SCANNED = [
  "app",
  "components",
  "db",
  "lib",
  "scripts",
  "proxy.ts",
  "auth.ts",
  "auth.config.ts",
  "instrumentation.ts",
];
const SKIPPED = [/^db\/migrations\//, /\.test\.tsx?$/];

type Owner = { table: string; owner: string; writes: RegExp[] };

const OWNERS: Owner[] = [
  {
    table: "audit_log",
    owner: "lib/ops/audit.ts",
    writes: [/\.insert\(\s*auditLog\s*\)/, /\binsert\s+into\s+"?audit_log"?/i],
  },
  {
    table: "points_ledger",
    owner: "lib/points/ledger.ts",
    writes: [
      /\.(insert|update|delete)\(\s*pointsLedger\s*\)/,
      /\b(insert\s+into|update|delete\s+from)\s+"?points_ledger"?/i,
    ],
  },
  {
    table: "points_balances",
    owner: "lib/points/ledger.ts",
    writes: [
      /\.(insert|update|delete)\(\s*pointsBalances\s*\)/,
      /\b(insert\s+into|update|delete\s+from)\s+"?points_balances"?/i,
    ],
  },
  ...["player_stats", "player_streaks", "streak_badges", "loop_days"].map((table) => ({
    table,
    owner: "lib/loop/record-day.ts",
    writes: [new RegExp(`\\b(insert\\s+into|update|delete\\s+from)\\s+"?${table}"?\\b`, "i")],
  })),
  {
    table: "push_subscriptions",
    owner: "lib/push/subscriptions.ts",
    writes: [
      /\.(insert|update|delete)\(\s*pushSubscriptions\s*\)/,
      /\b(insert\s+into|update|delete\s+from)\s+"?push_subscriptions"?/i,
    ],
  },
  {
    table: "push_deliveries",
    owner: "lib/push/due.ts",
    writes: [
      /\.(insert|update|delete)\(\s*pushDeliveries\s*\)/,
      /\b(insert\s+into|update|delete\s+from)\s+"?push_deliveries"?/i,
    ],
  },
  {
    table: "shares",
    owner: "lib/share/shares.ts",
    writes: [/\.(insert|update|delete)\(\s*shares\s*\)/],
  },
  ...[
    ["admin_totp", "adminTotp"],
    ["admin_recovery_codes", "adminRecoveryCodes"],
  ].map(([table, name]) => ({
    table: table!,
    owner: "lib/auth/second-factor.ts",
    writes: [
      new RegExp(`\\.(insert|update|delete)\\(\\s*${name}\\s*\\)`),
      new RegExp(`\\b(insert\\s+into|update|delete\\s+from)\\s+"?${table}"?\\b`, "i"),
    ],
  })),
  {
    table: "universe_policy",
    owner: "lib/universe/policy.ts",
    writes: [
      /\.(insert|update|delete)\(\s*universePolicy\s*\)/,
      /\b(insert\s+into|update|delete\s+from)\s+"?universe_policy"?/i,
    ],
  },
  {
    table: "metrics_days",
    owner: "lib/admin/metrics.ts",
    writes: [
      /\.(insert|update|delete)\(\s*metricsDays\s*\)/,
      /\b(insert\s+into|update|delete\s+from)\s+"?metrics_days"?/i,
    ],
  },
  {
    table: "notifications",
    owner: "lib/notifications/notify.ts",
    writes: [/\.insert\(\s*notifications\s*\)/, /\binsert\s+into\s+"?notifications"?/i],
  },
];

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const abs = path.join(ROOT, rel);
    if (!fs.existsSync(abs)) return;
    if (fs.statSync(abs).isDirectory()) {
      for (const name of fs.readdirSync(abs))
        if (name !== "node_modules" && !name.startsWith(".")) walk(path.join(rel, name));
    } else if (/\.(ts|tsx|mts)$/.test(rel) && !SKIPPED.some((re) => re.test(rel))) {
      out.push(rel.split(path.sep).join("/"));
    }
  };
  for (const rel of SCANNED) walk(rel);
  return out;
}

/** `file:line: table` for every write of an owned table outside its owner. */
function offenders(files: { path: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    for (const { table, owner, writes } of OWNERS) {
      if (file.path === owner) continue;
      file.text.split("\n").forEach((line, i) => {
        if (writes.some((re) => re.test(line)))
          found.push(`${file.path}:${i + 1}: writes ${table} (owner: ${owner})`);
      });
    }
  }
  return found;
}

describe("one writer per table", () => {
  it("finds the writes it is meant to find", () => {
    const sample = [
      "await tx.insert(auditLog).values({});",
      "await db.insert( pointsLedger ).values(row);",
      "await tx.update(pointsBalances).set({ balance: 0 });",
      "insert into points_balances (user_id, balance) select …",
      "update points_balances b set balance = 0",
      "with x as (insert into notifications (user_id) values ($1))",
      'INSERT INTO "audit_log" (action) VALUES ($1)',
    ];
    expect(offenders([{ path: "lib/elsewhere.ts", text: sample.join("\n") }])).toHaveLength(sample.length);
    expect(
      offenders([
        { path: "lib/elsewhere.ts", text: "select * from points_ledger; tx.select().from(auditLog)" },
      ]),
    ).toEqual([]);
    expect(offenders([{ path: "lib/ops/audit.ts", text: sample[0]! }])).toEqual([]);
  });

  it("no module but the owner writes audit_log, points_ledger, points_balances or notifications", () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain("lib/settlement/settle-batch.ts");
    expect(
      offenders(files.map((p) => ({ path: p, text: fs.readFileSync(path.join(ROOT, p), "utf8") }))),
    ).toEqual([]);
  });
});
