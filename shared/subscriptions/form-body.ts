import type { HttpRequest } from "../http/http-request.js";
import { header } from "./subscription-request.js";

/** A submitted form, read the same whether it came url-encoded or as multipart (a file upload). */
export interface FormBody {
  get(name: string): string | undefined;
  getAll(name: string): string[];
  /** The text of an uploaded file; undefined when none was chosen. */
  file(name: string): string | undefined;
}

/** Uploads are CSV lists of codes: a practice's top 500 billed codes with descriptions fit easily. */
export const MAX_UPLOAD_BYTES = 256 * 1024;

export class FormBodyError extends Error {}

/**
 * The form in a request body. Multipart bodies are parsed by the platform's own `Request.formData()`
 * (undici, built into Node): no hand-written multipart parser.
 */
export async function readFormBody(request: HttpRequest): Promise<FormBody> {
  const type = header(request, "content-type") ?? "";
  const body = request.body ?? "";
  if (type.toLowerCase().startsWith("multipart/form-data")) {
    let data: FormData;
    try {
      data = await new Request("http://form.invalid/", {
        method: "POST",
        headers: { "content-type": type },
        body,
      }).formData();
    } catch {
      throw new FormBodyError("The form could not be read. Please try again.");
    }
    const files = new Map<string, string>();
    for (const [name, value] of data.entries()) {
      if (typeof value === "string" || value.size === 0) continue;
      if (value.size > MAX_UPLOAD_BYTES) {
        throw new FormBodyError(
          `The file is ${Math.ceil(value.size / 1024)} KB; upload at most ${MAX_UPLOAD_BYTES / 1024} KB (the codes alone, one per line, are enough).`,
        );
      }
      files.set(name, await value.text());
    }
    const text = (name: string) =>
      data.getAll(name).filter((value): value is string => typeof value === "string");
    return { get: (name) => text(name)[0], getAll: text, file: (name) => files.get(name) };
  }
  const params = new URLSearchParams(body);
  return {
    get: (name) => params.get(name) ?? undefined,
    getAll: (name) => params.getAll(name),
    file: () => undefined,
  };
}
