import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("rules");
  return { title: t("title") };
}

const SECTIONS = ["day", "calls", "slots", "settlement", "points"] as const;
const VOID_REASONS = [
  "flat",
  "no_snapshot",
  "bad_snapshot",
  "no_close",
  "bad_close",
  "corporate_action",
  "removed_from_universe",
] as const;

/** The rules as players read them; each VOID reason has an anchor the "My calls" page links to. */
export default async function RulesPage() {
  const t = await getTranslations("rules");
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-extrabold tracking-tight">{t("title")}</h1>
      {SECTIONS.map((s) => (
        <Card key={s} id={s} className="flex flex-col gap-2">
          <h2 className="text-lg font-bold">{t(`${s}.title`)}</h2>
          <p className="text-sm leading-relaxed whitespace-pre-line">{t(`${s}.body`)}</p>
        </Card>
      ))}
      <Card id="void" className="flex flex-col gap-3">
        <h2 className="text-lg font-bold">{t("void.title")}</h2>
        <dl className="flex flex-col gap-3 text-sm">
          {VOID_REASONS.map((r) => (
            <div
              key={r}
              id={`void-${r}`}
              className="scroll-mt-20 target:rounded-lg target:bg-amber-100 target:p-2 dark:target:bg-amber-900/40"
            >
              <dt className="font-semibold">{t(`void.${r}.name`)}</dt>
              <dd className="text-muted">{t(`void.${r}.body`)}</dd>
            </div>
          ))}
        </dl>
      </Card>
    </div>
  );
}
