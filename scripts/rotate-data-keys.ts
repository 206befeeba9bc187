import { openCommandDb } from "@/db/command";
import { rotateEncryptedFields } from "@/lib/crypto/rotate";

/**
 * `npm run data:rotate-keys [-- --rehash]`: re-encrypt every e-mail address and reward code
 * under the first key of DATA_ENCRYPTION_KEYS (and encrypt values written before encryption),
 * in batches; `--rehash` also recomputes every e-mail look-up hash (after a new DATA_HASH_KEY).
 * Safe to run while the app serves, and twice. docs/operations.md, "Rotating the data keys".
 */
async function main() {
  const handle = openCommandDb();
  const report = await rotateEncryptedFields(handle.db, { rehash: process.argv.includes("--rehash") });
  await handle.close();
  console.log(`re-encrypted: ${JSON.stringify(report)}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
