import { cn } from "./ui/cn";

/** The game's two marks: O (up, red) and X (down, blue), drawn so they read at any size. */
export function OxMark({ kind, className, title }: { kind: "O" | "X"; className?: string; title?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      className={cn("h-5 w-5", kind === "O" ? "text-up" : "text-down", className)}
      role={title ? "img" : undefined}
      aria-hidden={title ? undefined : true}
    >
      {title ? <title>{title}</title> : null}
      {kind === "O" ? (
        <circle cx="12" cy="12" r="8" fill="none" stroke="currentColor" strokeWidth="3.5" />
      ) : (
        <path
          d="M5.5 5.5l13 13M18.5 5.5l-13 13"
          stroke="currentColor"
          strokeWidth="3.5"
          strokeLinecap="round"
        />
      )}
    </svg>
  );
}

export function OxLogo({ className }: { className?: string }) {
  return (
    <span className={cn("inline-flex items-center gap-0.5", className)} aria-hidden>
      <OxMark kind="O" />
      <OxMark kind="X" />
    </span>
  );
}
