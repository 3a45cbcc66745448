import { Eta } from "eta";

/** A short one-purpose email: a confirmation request, a CEU reminder. */
export interface Notice {
  readonly heading: string;
  readonly paragraphs: readonly string[];
  readonly action: { readonly label: string; readonly url: string };
  /** Footer links (preferences, unsubscribe); absent on the confirmation request. */
  readonly footer?: readonly { readonly label: string; readonly url: string }[];
}

const NOTICE_HTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title><%= it.heading %></title></head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:16px 8px;">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" border="0" style="width:560px;max-width:100%;background:#ffffff;border:1px solid #e5e7eb;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#111827;">
<tr><td style="padding:20px 24px;background:#0f4c81;color:#ffffff;font-size:18px;font-weight:bold;"><%= it.heading %></td></tr>
<% for (const paragraph of it.paragraphs) { %><tr><td style="padding:12px 24px 0 24px;"><%= paragraph %></td></tr><% } %>
<tr><td style="padding:20px 24px;"><table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><td style="background:#0f4c81;padding:10px 18px;"><a href="<%= it.action.url %>" style="color:#ffffff;font-weight:bold;text-decoration:none;"><%= it.action.label %></a></td></tr></table></td></tr>
<% if (it.footer) { %><tr><td style="padding:0 24px 20px 24px;font-size:12px;color:#6b7280;"><% for (const link of it.footer) { %><a href="<%= link.url %>" style="color:#0f4c81;"><%= link.label %></a> &nbsp; <% } %></td></tr><% } %>
</table></td></tr></table></body></html>
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
const text = new Eta({ autoEscape: false, useWith: false, autoTrim: false });
const htmlTemplate = html.compile(NOTICE_HTML);
const textTemplate = text.compile(NOTICE_TEXT);

export function renderNotice(notice: Notice): { html: string; text: string } {
  return { html: htmlTemplate.call(html, notice), text: textTemplate.call(text, notice) };
}
