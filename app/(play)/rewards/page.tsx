import { History } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getFormatter, getTranslations } from "next-intl/server";
import { RewardsShop } from "@/components/rewards/rewards-shop";
import { Button } from "@/components/ui/button";
import { getDb } from "@/db";
import { optionalUser } from "@/lib/auth/guards";
import { getBalance } from "@/lib/points/queries";
import { listCatalog, toPublicItem } from "@/lib/rewards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("rewards");
  return { title: t("title") };
}

/** The shop: open to visitors; signed-in players see what they can afford and redeem. */
export default async function RewardsPage() {
  await connection();
  const db = await getDb();
  const user = await optionalUser(db);
  const [items, balance] = [await listCatalog(db), user ? await getBalance(db, user.id) : null];
  const t = await getTranslations("rewards");
  const format = await getFormatter();

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-extrabold tracking-tight">{t("title")}</h1>
          <p className="text-sm text-muted">{t("subtitle")}</p>
        </div>
        {balance !== null ? (
          <div className="flex items-center gap-2">
            <p className="rounded-xl bg-muted px-3 py-1.5 text-sm whitespace-nowrap">
              <span className="sr-only text-muted sm:not-sr-only">{t("balance")} </span>
              <span className="font-extrabold tabular-nums" data-testid="rewards-balance">
                {format.number(balance)}
              </span>
              <span className="font-semibold text-muted"> P</span>
            </p>
            <Button asChild variant="outline" size="sm" className="h-9 whitespace-nowrap">
              <Link href="/me/redemptions" data-testid="to-redemptions">
                <History className="h-4 w-4" aria-hidden />
                {t("myRedemptions")}
              </Link>
            </Button>
          </div>
        ) : null}
      </div>
      <RewardsShop items={items.map(toPublicItem)} balance={balance} />
    </div>
  );
}
