import { Gift } from "lucide-react";
import Image from "next/image";
import { cn } from "../ui/cn";

/** The item's picture in a fixed-ratio frame; a gift icon when it has none. */
export function RewardImage({
  src,
  alt,
  className,
  sizes,
}: {
  src: string | null;
  alt: string;
  className?: string;
  sizes: string;
}) {
  return (
    <div className={cn("relative aspect-[4/3] overflow-hidden rounded-xl bg-muted", className)}>
      {src ? (
        // unoptimized: admins may point at any https host, and SVGs gain nothing from resizing.
        <Image src={src} alt={alt} fill unoptimized sizes={sizes} className="object-cover" />
      ) : (
        <Gift className="absolute inset-0 m-auto h-1/3 w-1/3 text-muted" aria-hidden />
      )}
    </div>
  );
}
