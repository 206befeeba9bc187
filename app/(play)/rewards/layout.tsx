import type { ReactNode } from "react";
import { SegmentMessages } from "@/components/segment-messages";

/** The shop: its client components read the rewards' and the redemptions' messages. */
export default function RewardsLayout({ children }: { children: ReactNode }) {
  return <SegmentMessages segment="rewards">{children}</SegmentMessages>;
}
