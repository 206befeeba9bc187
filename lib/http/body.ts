/**
 * Request bodies are read as a stream with a byte counter and abandoned at the limit, so a
 * chunked upload (no Content-Length) or one that lies about its length costs at most `limit`
 * bytes of memory. A declared length above the limit is refused before a byte is read.
 */
import { AppError } from "@/lib/errors";

export function bodyTooLarge(limit: number): AppError {
  return new AppError("too_large:body", `The request body is too large (at most ${limit} bytes).`, {
    details: { limitBytes: limit },
  });
}

/**
 * The client stopped sending (it closed the connection mid-upload): a 400 that nobody will read,
 * never a 500 in the error log (docs/operations.md, "Aborted requests").
 */
function bodyAborted(cause: unknown): AppError {
  return new AppError("bad_request:body_aborted", "The request body was not received completely.", {
    cause,
  });
}

/** The raw body, at most `limit` bytes; more → 413 `too_large:body`, and the rest is never read. */
export async function readBodyBytes(req: Request, limit: number): Promise<Uint8Array> {
  const declared = req.headers.get("content-length");
  if (declared !== null && (!/^\d+$/.test(declared.trim()) || Number(declared) > limit)) {
    await req.body?.cancel().catch(() => {});
    throw bodyTooLarge(limit);
  }
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read().catch((e: unknown) => {
        throw bodyAborted(e);
      });
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => {});
        throw bodyTooLarge(limit);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** The body as UTF-8 text, bounded as above. */
export async function readBodyText(req: Request, limit: number): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(req, limit));
}

/**
 * A JSON body, bounded: a declared Content-Type other than `application/json` → 415 before a
 * byte is read; an empty body is `{}`; a non-empty body without the JSON type → 415.
 */
export async function readJsonBody(req: Request, limit: number): Promise<unknown> {
  const declaredType = req.headers.get("content-type");
  if (declaredType !== null && !isJsonType(declaredType)) {
    await req.body?.cancel().catch(() => {});
    throw notJson();
  }
  const text = await readBodyText(req, limit);
  if (text.trim() === "") return {};
  if (declaredType === null) throw notJson();
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request:invalid_json", "The request body is not valid JSON.");
  }
}

function isJsonType(contentType: string): boolean {
  return contentType.split(";")[0]!.trim().toLowerCase() === "application/json";
}

function notJson(): AppError {
  return new AppError(
    "unsupported_media_type:json",
    "Send the request body as JSON (Content-Type: application/json).",
  );
}
