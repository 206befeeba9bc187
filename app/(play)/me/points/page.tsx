import { ChevronLeft, ChevronRight } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { historyLinks, parseHistoryPage } from "@/components/points/history-pages";
import { LedgerTable } from "@/components/points/ledger-table";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { requireUserPage } from "@/lib/auth/pages";
import { getBalance, listLedger } from "@/lib/points/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("points");
  return { title: t("title") };
}

const PAGE_SIZE = 20;

export default async function PointsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUserPage("/me/points");
  const db = await getDb();
  const page = parseHistoryPage(await searchParams);
  const balance = await getBalance(db, user.id);
  const history = await listLedger(db, { userId: user.id, cursor: page.cursor, limit: PAGE_SIZE });
  const links = historyLinks("/me/points", page, history.nextCursor);
  const t = await getTranslations("points");
  const format = await getFormatter();

  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-extrabold tracking-tight">{t("title")}</h1>
      <Card>
        <CardTitle>{t("balance")}</CardTitle>
        <p className="mt-1 text-4xl font-extrabold tabular-nums" data-testid="points-balance">
          {format.number(balance)} <span className="text-lg font-semibold text-muted">{t("unit")}</span>
        </p>
      </Card>
      <Card className="flex flex-col gap-2">
        <CardTitle>{t("history")}</CardTitle>
        <LedgerTable items={history.items} />
        {links.newer || links.older ? (
          <nav aria-label={t("pagination")} className="flex justify-between gap-2 pt-2">
            {links.newer ? (
              <Button asChild variant="outline" size="sm">
                <Link href={links.newer} data-testid="history-newer">
                  <ChevronLeft className="h-4 w-4" />
                  {t("newer")}
                </Link>
              </Button>
            ) : (
              <span />
            )}
            {links.older ? (
              <Button asChild variant="outline" size="sm">
                <Link href={links.older} data-testid="history-older">
                  {t("older")}
                  <ChevronRight className="h-4 w-4" />
                </Link>
              </Button>
            ) : null}
          </nav>
        ) : null}
      </Card>
    </div>
  );
}
