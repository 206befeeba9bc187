import type { ReactNode } from "react";
import { SegmentMessages } from "@/components/segment-messages";

/** The sign-in page: its client components read the sign-in messages. */
export default function SignInLayout({ children }: { children: ReactNode }) {
  return <SegmentMessages segment="signin">{children}</SegmentMessages>;
}
