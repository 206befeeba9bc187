import type { ReactNode } from "react";
import { SegmentMessages } from "@/components/segment-messages";

/** The console's pages: their client components get the console's messages on top of the players'. */
export default function AdminLayout({ children }: { children: ReactNode }) {
  return <SegmentMessages segment="admin">{children}</SegmentMessages>;
}
