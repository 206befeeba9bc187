"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { OxLogo } from "@/components/ox-mark";
import { Button, buttonVariants } from "@/components/ui/button";

/** A page that failed on the server or in the browser: say so plainly, offer a retry and a way back. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <div className="flex flex-col items-center gap-4 py-16 text-center" role="alert" data-testid="error-page">
      <OxLogo className="scale-150" />
      <h1 className="text-2xl font-bold">{t("generic")}</h1>
      <div className="flex gap-2">
        <Button variant="outline" onClick={reset}>
          {t("retry")}
        </Button>
        <Link href="/" className={buttonVariants({ variant: "primary" })}>
          {t("backHome")}
        </Link>
      </div>
    </div>
  );
}
