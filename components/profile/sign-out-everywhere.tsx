"use client";

import { LogOut } from "lucide-react";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { toast } from "../ui/toast";
import { signOutEverywhere } from "@/app/signin/actions";
import { Button } from "../ui/button";

/** Ends every session of the player (other phones and browsers too); this one is signed out as well. */
export function SignOutEverywhere() {
  const t = useTranslations("profile");
  const [pending, startTransition] = useTransition();
  return (
    <Button
      type="button"
      variant="outline"
      disabled={pending}
      data-testid="signout-everywhere"
      onClick={() =>
        startTransition(async () => {
          if (!window.confirm(t("signOutEverywhereConfirm"))) return;
          const result = await signOutEverywhere({});
          if (result && !result.ok) toast.error(result.message);
        })
      }
    >
      <LogOut className="h-4 w-4" />
      {t("signOutEverywhere")}
    </Button>
  );
}
