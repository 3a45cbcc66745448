import { Eta } from "eta";
import { EMAIL_LAYOUT } from "./email-layout.js";

/** A short one-purpose email: a confirmation request, a CEU reminder, fresh links. */
export interface Notice {
  readonly heading: string;
  /** The line inboxes show after the subject. */
  readonly preheader: string;
  readonly paragraphs: readonly string[];
  readonly action: { readonly label: string; readonly url: string };
  /** Footer links (preferences, unsubscribe); absent on the confirmation request. */
  readonly footer?: readonly { readonly label: string; readonly url: string }[];
}

const NOTICE_HTML = `<% layout("@email", { title: it.heading, preheader: it.preheader }) %>
<tr><td style="padding:18px 20px;background:#0f4c81;color:#ffffff;font-size:19px;line-height:26px;font-weight:bold;"><%= it.heading %></td></tr>
<% for (const paragraph of it.paragraphs) { %><tr><td class="cc-card" style="padding:14px 20px 0 20px;background:#ffffff;color:#111827;"><%= paragraph %></td></tr><% } %>
<tr><td class="cc-card" style="padding:20px;background:#ffffff;color:#111827;"><table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><td style="background:#0f4c81;border-radius:4px;"><a href="<%= it.action.url %>" style="display:inline-block;padding:12px 20px;background:#0f4c81;color:#ffffff;font-weight:bold;text-decoration:none;border-radius:4px;"><%= it.action.label %></a></td></tr></table></td></tr>
<% if (it.footer) { %><tr><td class="cc-muted" style="padding:0 20px 20px 20px;font-size:13px;background:#ffffff;color:#4b5563;"><% for (const link of it.footer) { %><a href="<%= link.url %>" style="color:#0f4c81;background:#ffffff;"><%= link.label %></a> &nbsp; <% } %></td></tr><% } %>
`;

const NOTICE_TEXT = `<%= it.heading %>

<% for (const paragraph of it.paragraphs) { -%>
<%= paragraph %>

<% } -%>
<%= it.action.label %>: <%= it.action.url %>
<% if (it.footer) { -%>

<% for (const link of it.footer) { -%>
<%= link.label %>: <%= link.url %>
<% } -%>
<% } -%>
`;

// The same engine and escaping rules as the digest (see digest-renderer.ts).
const html = new Eta({ autoEscape: true, useWith: false });
html.loadTemplate("@email", EMAIL_LAYOUT);
html.loadTemplate("@notice", NOTICE_HTML);
const text = new Eta({ autoEscape: false, useWith: false, autoTrim: false });
const textTemplate = text.compile(NOTICE_TEXT);

export function renderNotice(notice: Notice): { html: string; text: string } {
  return { html: html.render("@notice", notice), text: textTemplate.call(text, notice) };
}
