/** A free-text `?name=` value of an admin page, cut to `max` characters; absent, empty or repeated → undefined. */
export function textParam(value: string | string[] | undefined, max: number): string | undefined {
  return typeof value === "string" && value ? value.slice(0, max) : undefined;
}
