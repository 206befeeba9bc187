import Link from "next/link";
import { connection } from "next/server";
import { getFormatter, getTranslations } from "next-intl/server";
import { signOutHere } from "@/app/signin/actions";
import { getDb } from "@/db";
import { optionalUser } from "@/lib/auth/guards";
import { countUnread } from "@/lib/notifications/queries";
import { getBalance } from "@/lib/points/queries";
import { AccountMenu } from "./account-menu";
import { NotificationBell } from "./notifications/notification-bell";
import { Button } from "./ui/button";

/** The header's account slot: balance and account menu when signed in, else a sign-in button. */
export async function AccountArea() {
  await connection();
  const db = await getDb();
  const user = await optionalUser(db);
  const t = await getTranslations("nav");
  if (!user) {
    return (
      <Button asChild size="sm" className="whitespace-nowrap" data-testid="header-signin">
        <Link href="/signin">{t("signIn")}</Link>
      </Button>
    );
  }
  // Side by side: the header should not wait for one answer before asking the next.
  const [format, balance, unread] = await Promise.all([
    getFormatter(),
    getBalance(db, user.id),
    countUnread(db, user.id),
  ]);
  const points = format.number(balance);
  return (
    <div className="flex shrink-0 items-center gap-1.5">
      {/* The accessible name starts with what is visible ("1,000 P"), then says what it is. */}
      <Link
        href="/me/points"
        className="inline-flex h-8 items-center gap-0.5 rounded-full bg-muted px-2.5 text-sm font-bold whitespace-nowrap tabular-nums hover:opacity-80"
      >
        <span data-testid="header-balance">{points}</span>
        <span className="text-xs font-semibold text-muted">P</span>
        <span className="sr-only"> {t("balance", { points })}</span>
      </Link>
      <NotificationBell initialCount={unread} />
      <AccountMenu nickname={user.nickname} isAdmin={user.role === "admin"} signOutAction={signOutHere} />
    </div>
  );
}
