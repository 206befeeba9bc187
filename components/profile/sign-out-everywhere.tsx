"use client";

import { LogOut } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "../ui/toast";
import { signOutEverywhere } from "@/app/signin/actions";
import { ActionButton } from "../ui/action-button";

/** Ends every session of the player (other phones and browsers too); this one is signed out as well. */
export function SignOutEverywhere() {
  const t = useTranslations("profile");
  return (
    <ActionButton
      type="button"
      variant="outline"
      data-testid="signout-everywhere"
      run={async () => {
        if (!window.confirm(t("signOutEverywhereConfirm"))) return;
        const result = await signOutEverywhere({});
        if (result && !result.ok) toast.error(result.message);
      }}
    >
      <LogOut className="h-4 w-4" />
      {t("signOutEverywhere")}
    </ActionButton>
  );
}
