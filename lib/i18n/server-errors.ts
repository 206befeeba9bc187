/**
 * Errors in the request's language. An AppError is written once, in English, where it is
 * thrown; what a client receives is translated here, at the edge (the route and action
 * wrappers), from the `serverErrors.<type>.<subject>` messages of the catalogue the pages use,
 * with the error's `details` as arguments. A code without its own message gets its type's
 * `default`; zod's field errors are re-worded with zod's own locale.
 */
import fs from "node:fs";
import path from "node:path";
import { formatInTimeZone } from "date-fns-tz";
import { z } from "zod";
import type { AppError } from "@/lib/errors";
import type { Locale } from "./config";

type Catalogue = Record<string, unknown> & { serverErrors: Record<string, Record<string, string>> };

/**
 * The catalogues as written (ICU strings), read once per process. Not imported: the build
 * compiles imported message files for the pages (next-intl `precompile`), and this translator
 * formats the source strings.
 */
const loaded = new Map<Locale, Catalogue>();
function catalogue(locale: Locale): Catalogue {
  let c = loaded.get(locale);
  if (!c) {
    c = JSON.parse(
      fs.readFileSync(path.join(process.cwd(), "messages", `${locale}.json`), "utf8"),
    ) as Catalogue;
    loaded.set(locale, c);
  }
  return c;
}
const zodLocales = { ko: z.locales.ko(), en: z.locales.en() } as const;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** `details` as message arguments: instants in KST with the zone named, lists joined. */
function argumentsOf(details: Record<string, unknown> | undefined, locale: Locale) {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(details ?? {})) {
    if (typeof value === "number") out[key] = value;
    else if (typeof value === "string" && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)))
      out[key] = formatInTimeZone(
        new Date(value),
        "Asia/Seoul",
        locale === "ko" ? "M월 d일 HH:mm '(KST)'" : "MMM d, HH:mm 'KST'",
      );
    else if (typeof value === "string") out[key] = value;
    else if (Array.isArray(value)) out[key] = value.slice(0, 10).join(", ");
  }
  return out;
}

/**
 * `{name}` arguments filled in; null when one is missing. Server messages use plain arguments
 * only (a unit test holds that): next-intl's own formatter runs in the build's precompiled
 * mode, which leaves source strings as they are.
 */
function fill(message: string, args: Record<string, string | number>): string | null {
  let missing = false;
  const out = message.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in args)) missing = true;
    return String(args[name] ?? "");
  });
  return missing ? null : out;
}

/** The translated message of `err`, or null when no message of its type can be formatted. */
function messageOf(err: AppError, locale: Locale): string | null {
  const [type, subject = ""] = err.code.split(":");
  const args = argumentsOf(err.details, locale);
  const group = catalogue(locale).serverErrors[type!] ?? {};
  for (const key of [subject, "default"]) {
    const message = group[key];
    const filled = typeof message === "string" ? fill(message, args) : null;
    if (filled !== null) return filled;
  }
  return null;
}

function zodIssuesOf(err: AppError): z.core.$ZodIssue[] | null {
  return err.cause instanceof z.ZodError ? err.cause.issues : null;
}

/** What a client may see of `err`, in `locale`: the same shape as `err.toJSON()`. */
export function localizedError(err: AppError, locale: Locale) {
  const json = err.toJSON();
  const message = messageOf(err, locale) ?? json.message;
  const issues = zodIssuesOf(err);
  if (!issues || !json.fieldErrors) return { ...json, message };
  // English keeps the schemas' own wording; other languages get zod's translation of each issue.
  const named = new Set(issues.map((i) => i.path.join(".")).filter(Boolean));
  const belongs = (i: z.core.$ZodIssue, field: string) => {
    const path = i.path.join(".");
    return path ? path === field : !named.has(field);
  };
  const fieldErrors =
    locale === "en"
      ? json.fieldErrors
      : Object.fromEntries(
          Object.keys(json.fieldErrors).map((field) => [
            field,
            issues.filter((i) => belongs(i, field)).map((i) => localIssue(i, locale) ?? i.message),
          ]),
        );
  const first = Object.entries(fieldErrors)[0];
  const detail = first && first[1][0] ? ` (${first[0] === "_" ? "" : `${first[0]}: `}${first[1][0]})` : "";
  return { ...json, message: `${message}${detail}`, fieldErrors };
}

function localIssue(issue: z.core.$ZodIssue, locale: Locale): string | null {
  const out = zodLocales[locale].localeError(issue as unknown as z.core.$ZodRawIssue);
  if (typeof out === "string") return out;
  return out?.message ?? null;
}
