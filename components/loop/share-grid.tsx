import { getTranslations } from "next-intl/server";
import { gridCells, type GridCall } from "@/lib/share/grid";

const CELL_KEY = {
  UP: { CORRECT: "cellUpCorrect", INCORRECT: "cellUpIncorrect", VOID: "cellUpVoid" },
  DOWN: { CORRECT: "cellDownCorrect", INCORRECT: "cellDownIncorrect", VOID: "cellDownVoid" },
} as const;

/** The day's grid as emoji cells, with a spoken label for each. */
export async function ShareGrid({ calls }: { calls: GridCall[] }) {
  const t = await getTranslations("loop.share");
  const cells = gridCells(calls);
  const labels = calls.map((c) => t(CELL_KEY[c.choice][c.status]));
  return (
    <p
      className="flex flex-wrap justify-center gap-2 text-3xl"
      role="img"
      aria-label={t("gridLabel", { cells: labels.join(", ") })}
      data-testid="share-grid"
    >
      {cells.map((cell, i) => (
        <span key={i} aria-hidden>
          {cell}
        </span>
      ))}
    </p>
  );
}
