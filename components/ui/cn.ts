import { clsx, type ClassValue } from "clsx";
import { createTailwindMerge } from "tailwind-merge";

/**
 * `className` overrides: a later class wins over an earlier one of the same kind
 * (`cn("h-8 px-3", "h-10")` → `px-3 h-10`). tailwind-merge with only the class groups our
 * components' base classes use — its full default config is ~8 kB of gzipped JS on every page.
 * A group missing here merely keeps both classes; add it when a component needs it.
 */
const any = () => true;
const sizes = new Set(["xs", "sm", "base", "lg", "xl", "2xl", "3xl", "4xl", "5xl", "6xl"]);
const isFontSize = (v: string) => sizes.has(v.split("/")[0]!) || /^\[\d/.test(v);
const isColor = (v: string) => !isFontSize(v);
const isBorderWidth = (v: string) => /^(\d+|\[\d.*\])$/.test(v);
const isBorderColor = (v: string) => !isBorderWidth(v);

const merge = createTailwindMerge(() => ({
  cacheSize: 200,
  theme: {},
  orderSensitiveModifiers: [],
  conflictingClassGroupModifiers: {},
  classGroups: {
    display: [
      "block",
      "inline-block",
      "inline",
      "flex",
      "inline-flex",
      "grid",
      "inline-grid",
      "hidden",
      "contents",
    ],
    position: ["static", "fixed", "absolute", "relative", "sticky"],
    "flex-direction": [{ flex: ["row", "row-reverse", "col", "col-reverse"] }],
    "align-items": [{ items: [any] }],
    "justify-content": [{ justify: [any] }],
    "align-self": [{ self: [any] }],
    size: [{ size: [any] }],
    w: [{ w: [any] }],
    h: [{ h: [any] }],
    "min-w": [{ "min-w": [any] }],
    whitespace: [{ whitespace: [any] }],
    "max-w": [{ "max-w": [any] }],
    p: [{ p: [any] }],
    px: [{ px: [any] }],
    py: [{ py: [any] }],
    pt: [{ pt: [any] }],
    pb: [{ pb: [any] }],
    pl: [{ pl: [any] }],
    pr: [{ pr: [any] }],
    m: [{ m: [any] }],
    mx: [{ mx: [any] }],
    my: [{ my: [any] }],
    mt: [{ mt: [any] }],
    mb: [{ mb: [any] }],
    gap: [{ gap: [any] }],
    "text-alignment": [{ text: ["left", "center", "right", "justify", "start", "end"] }],
    "font-size": [{ text: [isFontSize] }],
    "text-color": [{ text: [isColor] }],
    "font-weight": [{ font: ["normal", "medium", "semibold", "bold", "extrabold"] }],
    "bg-color": [{ bg: [any] }],
    "border-w": ["border", { border: [isBorderWidth] }],
    "border-style": [{ border: ["solid", "dashed", "dotted", "double", "none"] }],
    "border-color": [{ border: [isBorderColor] }],
    rounded: ["rounded", { rounded: [any] }],
    shadow: ["shadow", { shadow: [any] }],
    opacity: [{ opacity: [any] }],
  },
  conflictingClassGroups: {
    size: ["w", "h"],
    p: ["px", "py", "pt", "pb", "pl", "pr"],
    px: ["pl", "pr"],
    py: ["pt", "pb"],
    m: ["mx", "my", "mt", "mb"],
    my: ["mt", "mb"],
  },
}));

export function cn(...inputs: ClassValue[]): string {
  return merge(clsx(inputs));
}
