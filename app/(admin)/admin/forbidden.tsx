import { ShieldX } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { renderSVG } from "uqr";
import { SecondFactorGate } from "@/components/admin/second-factor-gate";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { secondFactorGate } from "@/lib/auth/pages";

/**
 * Shown with HTTP 403 when an admin page refuses the visitor: a player sees "Admins only"; an
 * admin whose session has not passed the second factor sees the gate to pass it, in place.
 */
export default async function AdminForbidden() {
  const gate = await secondFactorGate();
  if (gate)
    return gate.confirmed ? (
      <SecondFactorGate mode="verify" recoveryCodesLeft={gate.recoveryCodesLeft} />
    ) : (
      <SecondFactorGate mode="enrol" secret={gate.secret} qrSvg={renderSVG(gate.uri, { border: 1 })} />
    );
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
