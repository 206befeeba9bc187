import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { clientMessages, type MessageSegment } from "@/lib/i18n/client-messages";

/**
 * A segment's client components get its messages on top of every page's part (the root
 * layout's): the board's, the profile's, the shop's, the sign-in page's — so a page sends only
 * what its own client components can read (lib/i18n/client-messages.ts).
 */
export async function SegmentMessages({
  segment,
  children,
}: {
  segment: MessageSegment;
  children: ReactNode;
}) {
  return (
    <NextIntlClientProvider messages={clientMessages(await getMessages(), segment)}>
      {children}
    </NextIntlClientProvider>
  );
}
