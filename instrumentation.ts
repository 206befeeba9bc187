/**
 * Start-up: validate configuration (a bad variable stops the server with its name), apply
 * test-only switches where allowed, open (and on the embedded default migrate and seed) the
 * database, then start the in-process scheduler when QStash is not configured.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { boot } = await import("./lib/boot");
  await boot();
}
