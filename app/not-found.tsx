import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { OxLogo } from "@/components/ox-mark";
import { buttonVariants } from "@/components/ui/button";

/** Any address nothing answers: branded, in the visitor's language, with a way back. */
export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <div className="flex flex-col items-center gap-4 py-16 text-center" data-testid="not-found">
      <OxLogo className="scale-150" />
      <p className="font-mono text-sm text-muted">404</p>
      <h1 className="text-2xl font-bold">{t("notFound")}</h1>
      <p className="max-w-sm text-sm text-muted">{t("notFoundHint")}</p>
      <Link href="/" className={buttonVariants({ variant: "primary" })}>
        {t("backHome")}
      </Link>
    </div>
  );
}
