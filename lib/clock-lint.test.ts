import { fileURLToPath } from "node:url";
import { snippetLinter } from "@/tests/support/eslint-snippets";
import { describe, expect, it } from "vitest";

// The project's own lint configuration, applied to snippets as if they lived at `filePath`.
const root = fileURLToPath(new URL("..", import.meta.url));
const eslint = snippetLinter(root);

async function clockProblems(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "ox/no-wall-clock").map((m) => m.message);
}

const OFFENDING = `
import { sql } from "drizzle-orm";
export const a = Date.now();
export const b = new Date();
export const c = Date();
export const d = sql\`update t set updated_at = now() where id = 1\`;
export const e = sql\`select CURRENT_TIMESTAMP\`;
export const f = sql.raw("clock_timestamp()");
export const g = [1].map(Date.now);
`;

const FINE = `
import { sql } from "drizzle-orm";
export const at = (now: Date) => new Date(now.getTime() + 1000);
export const parsed = new Date("2026-11-27T14:30:00Z");
export const q = (now: Date) => sql\`update t set updated_at = \${now} where known_at < \${now}\`;
export const known = "snow() is not SQL";
`;

describe("ox/no-wall-clock (eslint.config.mjs)", { timeout: 180_000 }, () => {
  it("fires on every way domain code could read the clock itself", async () => {
    const problems = await clockProblems(OFFENDING, "lib/example/offending.ts");
    expect(problems).toHaveLength(7);
    expect(problems.filter((m) => m.startsWith("Date.now()"))).toHaveLength(2);
    expect(problems.filter((m) => m.startsWith("new Date()"))).toHaveLength(2);
    expect(problems.filter((m) => m.startsWith("SQL"))).toEqual([
      expect.stringContaining("now()"),
      expect.stringContaining("CURRENT_TIMESTAMP"),
      expect.stringContaining("clock_timestamp()"),
    ]);
  });
  it("holds in db/ as well", async () => {
    expect(await clockProblems(OFFENDING, "db/example.ts")).toHaveLength(7);
  });
  it("allows instants that are passed in or parsed", async () => {
    expect(await clockProblems(FINE, "lib/example/fine.ts")).toEqual([]);
  });
  it("leaves the clock module, tests and scripts alone", async () => {
    for (const path of [
      "lib/clock.ts",
      "lib/example/offending.test.ts",
      "tests/integration/example.test.ts",
      "scripts/example.ts",
      "db/seed.ts",
    ]) {
      expect(await clockProblems(OFFENDING, path)).toEqual([]);
    }
  });
});
