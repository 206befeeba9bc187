import { Button } from "../ui/button";
import { cn } from "../ui/cn";

export type FilterField = {
  name: string;
  label: string;
  kind?: "text" | "date" | "select";
  defaultValue?: string;
  placeholder?: string;
  options?: { value: string; label: string }[];
  testId?: string;
  /** Take the free width of the row (a search box). */
  grow?: boolean;
  mono?: boolean;
};

const control =
  "h-9 rounded-lg border border-subtle bg-[var(--background)] px-2 text-sm text-[var(--foreground)]";

/** A plain GET form that reloads the page with other filters (works without JavaScript). */
export function FilterForm({
  action,
  fields,
  submitLabel,
  testId,
  submitTestId,
  role,
}: {
  action: string;
  fields: FilterField[];
  submitLabel: string;
  testId?: string;
  submitTestId?: string;
  role?: "search";
}) {
  return (
    <form
      action={action}
      method="get"
      className="flex flex-wrap items-end gap-2"
      role={role}
      data-testid={testId}
    >
      {fields.map((f) => (
        <label
          key={f.name}
          className={cn("flex flex-col gap-1 text-xs font-medium text-muted", f.grow && "min-w-0 flex-1")}
        >
          {f.label}
          {f.kind === "select" ? (
            <select name={f.name} defaultValue={f.defaultValue} className={control} data-testid={f.testId}>
              {f.options?.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              name={f.name}
              type={f.kind === "date" ? "date" : "text"}
              defaultValue={f.defaultValue}
              placeholder={f.placeholder}
              className={cn(control, f.mono && "font-mono")}
              data-testid={f.testId}
            />
          )}
        </label>
      ))}
      <Button type="submit" size="sm" variant="outline" className="h-9" data-testid={submitTestId}>
        {submitLabel}
      </Button>
    </form>
  );
}
