import { getTranslations } from "next-intl/server";
import { kst } from "@/lib/admin/days";

/** Label groups a stored value may belong to, in the order they are tried. */
const VALUE_GROUPS = [
  "outcome",
  "phase",
  "jobStatus",
  "reason",
  "trigger",
  "source",
  "scheduler",
  "universeRule",
  "role",
  "via",
  "provider",
] as const;

type Line = { key: string; value: string };

/** A stored instant (`now` of a change, written as UTC ISO): shown in KST like every time here. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Values a person wrote (a nickname, an e-mail, a note): shown as written, never translated. */
const WRITTEN_KEYS = new Set(["nickname", "email", "note"]);
const WRITTEN_ACTIONS = new Set(["user.nickname_set"]);

function flatten(details: unknown, prefix: string[] = [], out: Line[] = []): Line[] {
  if (details === null || details === undefined) return out;
  if (Array.isArray(details)) {
    if (details.every((v) => v === null || typeof v !== "object"))
      out.push({ key: prefix.join("."), value: details.map(String).join(", ") });
    else out.push({ key: prefix.join("."), value: JSON.stringify(details) });
    return out;
  }
  if (typeof details === "object") {
    // Two levels as lines; anything deeper as it was recorded.
    if (prefix.length >= 2) out.push({ key: prefix.join("."), value: JSON.stringify(details) });
    else for (const [k, v] of Object.entries(details)) flatten(v, [...prefix, k], out);
    return out;
  }
  out.push({ key: prefix.join("."), value: String(details) });
  return out;
}

/**
 * An audit row's details as "what: value" lines in the reader's language: known keys by their
 * label (`admin.audit.keys`), stored values (statuses, outcomes, reasons) by theirs
 * (`adminLabels`), anything else as it was recorded.
 */
export async function AuditDetails({
  action,
  details,
}: {
  action: string;
  details: Record<string, unknown>;
}) {
  const keys = await getTranslations("admin.audit.keys");
  const labels = await getTranslations("adminLabels");
  const word = (raw: string) => {
    for (const g of VALUE_GROUPS)
      if (labels.has(`${g}.${raw}` as never)) return labels(`${g}.${raw}` as never);
    return raw;
  };
  // Stored values inside a longer value (a list, a nested record) by their labels too.
  const words = (value: string) =>
    ISO_INSTANT.test(value)
      ? kst(new Date(value))
      : value === ""
        ? "—"
        : value.replace(/\b[A-Z][A-Z_]{2,}\b/g, (w) => word(w)).replace(/^[a-z][a-z-]+$/, (w) => word(w));
  const keyLabel = (path: string) =>
    path
      .split(".")
      .map((seg) => (keys.has(seg as never) ? keys(seg as never) : word(seg)))
      .join(" · ");
  const written = (key: string) => WRITTEN_ACTIONS.has(action) || WRITTEN_KEYS.has(key.split(".").at(-1)!);
  const lines = flatten(details);
  if (lines.length === 0) return <span className="text-muted">—</span>;
  return (
    // A set width: the console's tables size to their content, and a long value wraps inside it.
    <dl className="grid w-[20rem] grid-cols-[auto_minmax(0,1fr)] gap-x-2 gap-y-0.5 whitespace-normal">
      {lines.map((l, i) => (
        <div key={i} className="contents">
          <dt className="text-muted">{keyLabel(l.key)}</dt>
          <dd className="break-words whitespace-normal" translate={written(l.key) ? "no" : undefined}>
            {written(l.key) ? l.value : words(l.value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
