import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { RedemptionCard } from "@/components/rewards/redemption-card";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db";
import { requireUserPage } from "@/lib/auth/pages";
import { listRedemptionsForUser } from "@/lib/rewards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("redemptions");
  return { title: t("title") };
}

const cursorSchema = z.uuid();
const PAGE_SIZE = 20;

export default async function MyRedemptionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUserPage("/me/redemptions");
  const db = await getDb();
  const asked = cursorSchema.safeParse((await searchParams).cursor);
  const cursor = asked.success ? asked.data : null;
  const page = await listRedemptionsForUser(db, { userId: user.id, cursor, limit: PAGE_SIZE });
  const t = await getTranslations("redemptions");

  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-extrabold tracking-tight">{t("title")}</h1>
      {page.items.length === 0 && !cursor ? (
        <Card className="flex flex-col items-start gap-3">
          <p className="text-sm text-muted">{t("empty")}</p>
          <Button asChild size="sm">
            <Link href="/rewards">{t("toRewards")}</Link>
          </Button>
        </Card>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="redemptions">
          {page.items.map((r) => (
            <li key={r.id}>
              <RedemptionCard redemption={r} />
            </li>
          ))}
        </ul>
      )}
      {cursor || page.nextCursor ? (
        <nav aria-label={t("pagination")} className="flex justify-between gap-2">
          {cursor ? (
            <Button asChild variant="outline" size="sm">
              <Link href="/me/redemptions">{t("newer")}</Link>
            </Button>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Button asChild variant="outline" size="sm">
              <Link href={`/me/redemptions?cursor=${page.nextCursor}`} data-testid="redemptions-older">
                {t("older")}
              </Link>
            </Button>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
