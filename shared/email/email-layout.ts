/**
 * The frame of every HTML email codecurrent sends (digests, confirmations, reminders), as an Eta
 * layout: `<% layout("@email") %>` in a template wraps its output in it. Data: `title`, `preheader`
 * (the line inboxes show after the subject) and the template's output as `body`.
 *
 * Written for the mail clients coders read on: a phone at 390 px (one fluid column, at most 640 px
 * wide, no fixed widths anywhere, long codes and links allowed to wrap), Outlook's Word engine
 * (tables, inline styles, a fixed 640 px table for it alone in MSO comments), and dark mode: the
 * colour schemes are declared, and every element that sets a text colour sets its background too,
 * so a client that darkens backgrounds never leaves dark text on a dark one. Clients that read
 * `<style>` get a dark palette of their own from the `cc-` classes.
 */
export const EMAIL_LAYOUT = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark"><meta name="x-apple-disable-message-reformatting"><title><%= it.title %></title>
<style>
:root{color-scheme:light dark;supported-color-schemes:light dark}
a{color:#0f4c81}
@media (prefers-color-scheme:dark){
.cc-page{background:#111827!important}
.cc-card{background:#1f2937!important;color:#f3f4f6!important}
.cc-muted{background:#1f2937!important;color:#d1d5db!important}
.cc-card a,.cc-muted a{color:#93c5fd!important}
.cc-note{background:#3b2f1e!important;color:#fde7c7!important}
.cc-info{background:#1e2a3b!important;color:#dbeafe!important}
.cc-del{background:#1f2937!important;color:#fca5a5!important}
.cc-add{background:#1f2937!important;color:#86efac!important}
.cc-rev{background:#1f2937!important;color:#93c5fd!important}
.cc-soon{background:#422006!important;color:#fde68a!important}
}
</style></head>
<body class="cc-page" style="margin:0;padding:0;background:#f3f4f6;color:#111827;">
<div style="display:none;max-height:0;max-width:0;overflow:hidden;mso-hide:all;font-size:1px;line-height:1px;opacity:0;background:#f3f4f6;color:#f3f4f6;"><%= it.preheader %><% for (let i = 0; i < 12; i++) { %>&#8199;&#847;<% } %></div>
<table role="presentation" class="cc-page" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;background:#f3f4f6;"><tr><td align="center" style="padding:12px 6px;">
<!--[if mso]><table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
<table role="presentation" class="cc-card" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:640px;background:#ffffff;color:#111827;border:1px solid #e5e7eb;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:22px;word-break:break-word;overflow-wrap:anywhere;">
<%~ it.body %>
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr></table>
</body></html>
`;
