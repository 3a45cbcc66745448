import { Eta } from "eta";
import type { HttpResponse } from "../../http/http-response.js";
import { PAGE_CSP, PAGE_LAYOUT } from "./page-layout.js";
import {
  CEU_PAGE,
  CONFIRM_PAGE,
  MESSAGE_PAGE,
  PREFERENCES_PAGE,
  SIGN_UP_PAGE,
  UNSUBSCRIBE_PAGE,
} from "./page-templates.js";
import { PREFERENCES_FIELDS } from "./preferences-fields.js";
import type { FieldError } from "./preferences-form.js";

/**
 * One Eta engine for every page, escaping by default. Templates are strings in modules (bundled
 * with the function, nothing read from disk), compiled once per process.
 */
const eta = new Eta({ autoEscape: true, useWith: false });
eta.loadTemplate("@page", PAGE_LAYOUT);
eta.loadTemplate("@preferences-fields", PREFERENCES_FIELDS);
const PAGES = {
  "sign-up": SIGN_UP_PAGE,
  preferences: PREFERENCES_PAGE,
  confirm: CONFIRM_PAGE,
  ceu: CEU_PAGE,
  unsubscribe: UNSUBSCRIBE_PAGE,
  message: MESSAGE_PAGE,
} as const;
for (const [name, template] of Object.entries(PAGES)) eta.loadTemplate(`@${name}`, template);

export type PageName = keyof typeof PAGES;

/** Registers another page on the same engine and frame (the digest page, in shared/digest/). */
export function definePage(name: string, template: string): void {
  eta.loadTemplate(`@${name}`, template);
}

/** Headers of every page: no caching (they carry tokens), no referrer (the URL holds one), the CSP. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "content-security-policy": PAGE_CSP,
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
};

/**
 * Renders a page with the field helpers every form template uses: `invalid(field)` (the CSS class),
 * `errorsOf(field)` (the field's messages, linked from the summary by the field's id) and
 * `aria(field, hasHint)` (aria-describedby and aria-invalid).
 */
export function renderPage(
  name: PageName | string,
  data: Record<string, unknown> & { readonly home: string; readonly errors?: readonly FieldError[] },
  status = 200,
): HttpResponse {
  const errors = data.errors ?? [];
  const messagesOf = (field: string) =>
    errors.filter((error) => error.field === field).map((error) => error.message);
  const helpers = {
    errors,
    invalid: (field: string) => (messagesOf(field).length > 0 ? "invalid" : ""),
    errorsOf: (field: string) => {
      const messages = messagesOf(field);
      if (messages.length === 0) return "";
      return `<p class="field-error" id="${field}-error">${messages
        .map((message) => `<span class="visually-hidden">Error: </span>${escapeHtml(message)}`)
        .join("<br>")}</p>`;
    },
    aria: (field: string, hasHint: boolean) => {
      const invalid = messagesOf(field).length > 0;
      const described = [hasHint ? `${field}-hint` : "", invalid ? `${field}-error` : ""]
        .filter(Boolean)
        .join(" ");
      return `${described ? `aria-describedby="${described}"` : ""}${invalid ? ' aria-invalid="true"' : ""}`;
    },
  };
  return { status, headers: { ...PAGE_HEADERS }, body: eta.render(`@${name}`, { ...data, ...helpers }) };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
