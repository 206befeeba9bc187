"use client";

import { Copy, Link2, Share2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { shareDayAction } from "@/app/(play)/me/loop/actions";
import { Button } from "../ui/button";

/** Copy the day's grid, or open the Web Share sheet where there is one; and make the public link. */
export function ShareButtons({ day, text }: { day: string; text: string }) {
  const t = useTranslations("loop.reveal");
  const [link, setLink] = useState<string | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      toast.success(t("copied"));
    } catch {
      toast.error(t("copyFailed"));
    }
  }
  async function makeLink(): Promise<string | null> {
    if (link) return link;
    const r = await shareDayAction({ day });
    if (!r.ok) {
      toast.error(r.message);
      return null;
    }
    const url = new URL(r.data.path, window.location.origin).toString();
    setLink(url);
    return url;
  }
  async function share() {
    const url = await makeLink();
    if (!url) return;
    if (typeof navigator.share === "function") {
      try {
        await navigator.share({ text, url });
        return;
      } catch {
        // Dismissed or refused: the link is shown below to copy.
      }
    }
    toast.success(t("linkReady"));
  }

  return (
    <div className="flex flex-col gap-2">
      <pre className="rounded-xl bg-muted p-3 text-sm whitespace-pre-wrap" data-testid="share-text">
        {text}
      </pre>
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" size="sm" onClick={copy} data-testid="share-copy">
          <Copy className="h-4 w-4" aria-hidden />
          {t("copy")}
        </Button>
        <Button variant="outline" size="sm" onClick={share} data-testid="share-link">
          <Share2 className="h-4 w-4" aria-hidden />
          {t("share")}
        </Button>
      </div>
      {link ? (
        <a
          href={link}
          className="flex items-center gap-1 text-sm break-all underline"
          data-testid="share-url"
        >
          <Link2 className="h-4 w-4 shrink-0" aria-hidden />
          {link}
        </a>
      ) : null}
    </div>
  );
}
