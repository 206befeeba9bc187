import { formatInTimeZone } from "date-fns-tz";

/** ISO 8601 with the KST offset, e.g. 2026-11-27T06:00:00+09:00 (API responses). */
export function isoKst(d: Date): string {
  return formatInTimeZone(d, "Asia/Seoul", "yyyy-MM-dd'T'HH:mm:ssXXX");
}
