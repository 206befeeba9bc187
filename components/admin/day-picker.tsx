import { getTranslations } from "next-intl/server";
import { FilterForm } from "./filter-form";

/** A plain GET form that reloads the page for another day (works without JavaScript). */
export async function DayPicker({
  action,
  day,
  name = "day",
  testId = "day-picker",
}: {
  action: string;
  day: string;
  name?: string;
  testId?: string;
}) {
  const t = await getTranslations("admin.common");
  return (
    <FilterForm
      action={action}
      testId={testId}
      submitLabel={t("show")}
      fields={[{ name, label: t("day"), kind: "date", defaultValue: day, testId: `${testId}-input` }]}
    />
  );
}
