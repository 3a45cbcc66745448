import { Eta } from "eta";
import type { DigestContent } from "./digest-content.js";
import { DIGEST_HTML } from "./templates/digest-html.js";
import { DIGEST_TEXT } from "./templates/digest-text.js";

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
const text = new Eta({ autoEscape: false, useWith: false, autoTrim: false });
const htmlTemplate = html.compile(DIGEST_HTML);
const textTemplate = text.compile(DIGEST_TEXT);

export function renderDigest(content: DigestContent): RenderedDigest {
  return {
    subject: subjectOf(content),
    html: htmlTemplate.call(html, content),
    text: tidy(textTemplate.call(text, content)),
  };
}

function subjectOf(content: DigestContent): string {
  const first = content.groups[0];
  const systems = content.groups
    .map((group) => group.systemLabel)
    .filter((v, i, all) => all.indexOf(v) === i);
  if (!first) return `codecurrent: coming up — ${content.headsUp[0]?.title ?? "regulatory calendar"}`;
  return `codecurrent: ${content.totalChanges} change${content.totalChanges === 1 ? "" : "s"} in ${systems.slice(0, 3).join(", ")}`;
}

/** Template control lines leave blank runs behind: at most one empty line in a row. */
function tidy(value: string): string {
  return `${value
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}
