import { ShieldX } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** Shown with HTTP 403 when a signed-in player opens an admin page. */
export default async function AdminForbidden() {
  const t = await getTranslations("auth.admin");
  const tErrors = await getTranslations("errors");
  return (
    <Card className="mx-auto flex max-w-md flex-col items-center gap-3 text-center" data-testid="forbidden">
      <ShieldX className="h-10 w-10 text-muted" />
      <h1 className="text-xl font-bold">{t("forbiddenTitle")}</h1>
      <p className="text-sm text-muted">{t("forbiddenBody")}</p>
      <Button asChild variant="outline">
        <Link href="/">{tErrors("backHome")}</Link>
      </Button>
    </Card>
  );
}
