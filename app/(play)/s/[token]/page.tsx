import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { ShareGrid } from "@/components/loop/share-grid";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db";
import { env } from "@/lib/env";
import { sharedDay } from "@/lib/share/shares";

type Params = Promise<{ token: string }>;

const dateOf = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  await connection();
  const { token } = await params;
  const shared = await sharedDay(await getDb(), token);
  if (!shared) return { robots: { index: false } };
  const t = await getTranslations("loop.share");
  const { correct, settled } = shared.grid;
  const values = { nickname: shared.nickname, date: dateOf(shared.grid.day), correct, settled };
  const title = t("title", values);
  const image = `/s/${token}/og?locale=${shared.locale}`;
  return {
    title,
    description: t("description", values),
    robots: { index: false },
    metadataBase: env().PUBLIC_BASE_URL ? new URL(env().PUBLIC_BASE_URL!) : undefined,
    openGraph: {
      title,
      description: t("description", values),
      images: [{ url: image, width: 1200, height: 630 }],
    },
    twitter: { card: "summary_large_image", title, images: [image] },
  };
}

/** A public share page: the nickname and the day's grid only, at an unguessable, revocable link. */
export default async function SharePage({ params }: { params: Params }) {
  await connection();
  const { token } = await params;
  const shared = await sharedDay(await getDb(), token);
  if (!shared) notFound();
  const t = await getTranslations("loop.share");
  const { grid } = shared;
  return (
    <div className="mx-auto flex w-full max-w-md flex-col gap-4">
      <Card className="flex flex-col items-center gap-4 text-center" data-testid="share-card">
        <h1 className="text-xl font-extrabold">
          {t("title", { nickname: shared.nickname, date: dateOf(grid.day) })}
        </h1>
        <ShareGrid calls={grid.calls} />
        <p className="text-lg font-bold">
          {t("score", { correct: grid.correct, settled: grid.settled, points: grid.points })}
        </p>
        {grid.streak > 0 ? <p className="font-semibold">{t("streak", { n: grid.streak })}</p> : null}
      </Card>
      <Button asChild size="lg">
        <Link href="/">{t("play")}</Link>
      </Button>
    </div>
  );
}
