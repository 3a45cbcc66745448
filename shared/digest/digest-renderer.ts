import { Eta } from "eta";
import { EMAIL_LAYOUT } from "../email/email-layout.js";
import type { DigestContent } from "./digest-content.js";
import { DIGEST_HTML, DIGEST_ITEM_HTML } from "./templates/digest-html.js";
import { DIGEST_ITEM_TEXT, DIGEST_TEXT } from "./templates/digest-text.js";

export interface RenderedDigest {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/**
 * Eta renders both parts: templates compile once to plain JavaScript functions (10,000 digests
 * render in well under a second), it is typed, dependency-free and maintained, and it escapes
 * every `<%= %>` interpolation by default. The text part uses the same templates language with
 * escaping off: plain text has nothing to escape, and `&amp;` in a text email is a bug.
 */
const html = new Eta({ autoEscape: true, useWith: false });
html.loadTemplate("@email", EMAIL_LAYOUT);
html.loadTemplate("@item", DIGEST_ITEM_HTML);
html.loadTemplate("@digest", DIGEST_HTML);
const text = new Eta({ autoEscape: false, useWith: false, autoTrim: false });
text.loadTemplate("@item-text", DIGEST_ITEM_TEXT);
text.loadTemplate("@digest-text", DIGEST_TEXT);

export function renderDigest(content: DigestContent): RenderedDigest {
  return {
    subject: subjectOf(content),
    html: html.render("@digest", content),
    text: tidy(text.render("@digest-text", content)),
  };
}

function subjectOf(content: DigestContent): string {
  const mine = content.yourCodes?.total ?? 0;
  const systems = content.groups
    .map((group) => group.label.replace(/ \(.*\)$/, ""))
    .filter((v, i, all) => all.indexOf(v) === i);
  if (content.totalChanges === 0) {
    const next = content.headsUp[0];
    return `codecurrent: coming up${next ? ` ${next.date} — ${next.events.map((event) => event.title).join("; ")}` : ""}`;
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (mine > 0) {
    return `codecurrent: ${plural(mine, "change")} to codes you bill${content.totalChanges > mine ? `, ${content.totalChanges} in all` : ""}`;
  }
  return `codecurrent: ${plural(content.totalChanges, "change")} in ${systems.slice(0, 3).join(", ")}`;
}

/** Template control lines leave blank runs behind: at most one empty line in a row. */
function tidy(value: string): string {
  return `${value
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}
