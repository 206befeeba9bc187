import type { ReactNode } from "react";
import { cn } from "../ui/cn";

/** The admin console's text input look. */
export const inputClass = "h-10 w-full rounded-lg border border-subtle bg-[var(--background)] px-3 text-sm";

/** The server's first message for one field, under its input. */
export function FieldError({ errors }: { errors?: readonly string[] }) {
  if (!errors?.length) return null;
  return (
    <span className="text-xs text-red-600 dark:text-red-400" role="alert">
      {errors[0]}
    </span>
  );
}

/** A labelled field: the label above (or beside a checkbox), a hint and the field's error below. */
export function Field({
  label,
  hint,
  errors,
  wide,
  inline,
  className,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  errors?: readonly string[];
  wide?: boolean;
  inline?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <label
      className={cn(
        "flex flex-col gap-1 text-sm font-medium",
        wide && "sm:col-span-2",
        inline && "flex-row items-center gap-2",
        className,
      )}
    >
      {!inline && label}
      {children}
      {inline && label}
      {hint && <span className="text-xs font-normal text-muted">{hint}</span>}
      <FieldError errors={errors} />
    </label>
  );
}
