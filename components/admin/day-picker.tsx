import { getTranslations } from "next-intl/server";
import { Button } from "../ui/button";

/** A plain GET form that reloads the page for another day (works without JavaScript). */
export async function DayPicker({ action, day, name = "day", testId = "day-picker" }: { action: string; day: string; name?: string; testId?: string }) {
  const t = await getTranslations("admin.common");
  return (
    <form action={action} method="get" className="flex items-end gap-2" data-testid={testId}>
      <label className="flex flex-col gap-1 text-xs font-medium text-muted">
        {t("day")}
        <input type="date" name={name} defaultValue={day} className="h-9 rounded-lg border border-subtle bg-[var(--background)] px-2 text-sm text-[var(--foreground)]" data-testid={`${testId}-input`} />
      </label>
      <Button type="submit" size="sm" variant="outline">
        {t("show")}
      </Button>
    </form>
  );
}
