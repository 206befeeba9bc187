import type { ReactNode } from "react";
import { SegmentMessages } from "@/components/segment-messages";

/** The player's own pages: their client components read the profile's, the loop's and the redemptions' messages. */
export default function MeLayout({ children }: { children: ReactNode }) {
  return <SegmentMessages segment="me">{children}</SegmentMessages>;
}
