import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import postgres from "postgres";
import { migrateDb, openDb } from "@/db/client";

declare module "vitest" {
  export interface ProvidedContext {
    testDb: "pglite" | "postgres";
    pgTemplateUrl: string;
    pgAdminUrl: string;
    pgliteSnapshot: string;
  }
}

/**
 * On PostgreSQL, migrate one template database per run; each test file then gets its own
 * copy (CREATE DATABASE … TEMPLATE), dropped when the file ends, and the template at the end.
 * On PGlite, migrate one in-memory database per run and keep its data folder as a file: each
 * test file starts from a copy of it, several times faster than creating a cluster (initdb in
 * WebAssembly) and migrating it again.
 */
export default async function setup(project: TestProject) {
  const kind = process.env.TEST_DB === "postgres" ? "postgres" : "pglite";
  project.provide("testDb", kind);
  project.provide("pgTemplateUrl", "");
  project.provide("pgAdminUrl", "");
  project.provide("pgliteSnapshot", "");
  if (kind !== "postgres") {
    const pg = new PGlite();
    await migrateDb(openDb({ pgliteInstance: pg }));
    const file = path.join(os.tmpdir(), `oxu-pglite-${process.pid}-${Date.now().toString(36)}.tar`);
    fs.writeFileSync(file, Buffer.from(await (await pg.dumpDataDir("none")).arrayBuffer()));
    await pg.close();
    project.provide("pgliteSnapshot", file);
    return () => fs.rmSync(file, { force: true });
  }

  const adminUrl = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const template = `oxu_tmpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${template}`);
  const templateUrl = withDatabase(adminUrl, template);
  const handle = openDb({ url: templateUrl, poolSize: 1 });
  await migrateDb(handle);
  await handle.close();
  project.provide("pgTemplateUrl", templateUrl);
  project.provide("pgAdminUrl", adminUrl);

  return async () => {
    await admin.unsafe(`drop database if exists ${template} with (force)`);
    await admin.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
