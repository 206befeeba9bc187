/**
 * The database floor of a submit: pgbench replays the exact statements the server sent for
 * one warm submit (captured through DB_STATEMENT_LOG, never re-typed), each transaction as
 * another fresh player, on a copy of the seeded database.
 *
 * pgbench has no string variables, so the player is named by a number: the seeded ids are
 * `…-4000-8000-1NNNNNNNNNNN` (users) and `…-4000-9000-1NNNNNNNNNNN` (sessions), and a
 * parameter that contains the captured player's id becomes an expression over `:n`. Every
 * other parameter stays a bind parameter (`-D pK=value`), as the app sends it; `-M prepared`
 * mirrors the app's prepared statements.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { playerId, sessionId } from "./app";

export type Statement = { query: string; params: unknown[]; types: number[] };

export function readStatements(file: string, fromLine: number): Statement[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .slice(fromLine)
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Statement);
}

export function lineCount(file: string): number {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter(Boolean).length : 0;
}

export function pgbenchPath(): string | null {
  const r = spawnSync("sh", ["-c", "command -v pgbench"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The pgbench script for `statements`, captured for player number `capturedN`. */
export async function pgbenchScript(
  url: string,
  statements: Statement[],
  capturedN: number,
): Promise<{ script: string; defines: string[] }> {
  const uid = playerId(capturedN);
  const sid = sessionId(capturedN);
  const uidPrefix = uid.slice(0, uid.length - 12);
  const sidPrefix = sid.slice(0, sid.length - 12);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const defines: string[] = [];
  const lines = [
    "\\set i :i + 1",
    // Each transaction a different player: client c plays players c+1, c+1+clients, …
    "\\set n 100000000000 + ((:i - 1) * :nclients + :client_id) % 20000 + 1",
  ];
  try {
    for (const [k, st] of statements.entries()) {
      // The types PostgreSQL infers for the statement's parameters, for the expressions below.
      let types: string[] = [];
      if (st.params.length) {
        await sql.unsafe(`prepare bench_probe as ${st.query}`);
        const [row] = await sql<{ t: string[] }[]>`
          select parameter_types::text[] as t from pg_prepared_statements where name = 'bench_probe'`;
        await sql.unsafe("deallocate bench_probe");
        types = row!.t;
      }
      const text = st.query.replace(/\$(\d+)/g, (_m, d: string) => {
        const j = Number(d) - 1;
        const v = st.params[j];
        const s = v === null ? null : typeof v === "string" ? v : JSON.stringify(v);
        if (s !== null && (s.includes(uid) || s.includes(sid))) {
          const parts = s
            .split(/(00000000-0000-4000-[89]000-1\d{11})/)
            .filter((p) => p !== "")
            .map((p) =>
              p === uid ? `${quote(uidPrefix)} || :n` : p === sid ? `${quote(sidPrefix)} || :n` : quote(p),
            );
          return `(${parts.join(" || ")})::${types[j] ?? "text"}`;
        }
        if (s === null) return `null::${types[j] ?? "text"}`;
        const name = `p${k}_${j}`;
        defines.push(`${name}=${s}`);
        return `:${name}`;
      });
      lines.push(`${text.replace(/\s+/g, " ").trim()};`);
    }
  } finally {
    await sql.end();
  }
  return { script: `${lines.join("\n")}\n`, defines };
}

/** Transactions per second of the script at `clients` connections for `seconds`. */
export function runPgbench(
  bin: string,
  url: string,
  script: { script: string; defines: string[] },
  opts: { clients: number; seconds: number },
): { tps: number; output: string } {
  const file = path.join(os.tmpdir(), `oxu-pgbench-${process.pid}.sql`);
  fs.writeFileSync(file, script.script);
  const u = new URL(url);
  const args = [
    "-n",
    "-M",
    "prepared",
    "-c",
    String(opts.clients),
    "-j",
    "2",
    "-T",
    String(opts.seconds),
    "-f",
    file,
    "-D",
    "i=0",
    "-D",
    `nclients=${opts.clients}`,
    ...script.defines.flatMap((d) => ["-D", d]),
    "-h",
    u.hostname,
    "-p",
    u.port || "5432",
    "-U",
    decodeURIComponent(u.username || "postgres"),
    u.pathname.slice(1),
  ];
  const r = spawnSync(bin, args, {
    encoding: "utf8",
    env: { ...process.env, ...(u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {}) },
  });
  fs.rmSync(file, { force: true });
  const output = `${r.stdout}\n${r.stderr}`;
  const m = /tps = ([\d.]+) \((without|excluding)/.exec(output);
  if (r.status !== 0 || !m) throw new Error(`pgbench failed:\n${output}`);
  return { tps: Number(m[1]), output };
}
