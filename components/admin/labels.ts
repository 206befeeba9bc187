import { getTranslations } from "next-intl/server";

/**
 * Admin labels for stored values (phases, job statuses, price sources, drivers, triggers) in
 * the reader's language; a value without a label shows as it is.
 */
export async function adminLabels(): Promise<(key: string, raw: string) => string> {
  const t = await getTranslations("adminLabels");
  return (key, raw) => (t.has(key as never) ? t(key as never) : raw);
}
