/**
 * The HTML digest. Mail clients (Outlook's Word engine above all) ignore <style> blocks, flexbox
 * and most CSS: layout is nested tables of fixed width, every style inline. `<%= %>` escapes;
 * nothing from a change is ever output raw.
 */
export const DIGEST_HTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>codecurrent digest</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:16px 8px;">
<table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0" style="width:640px;max-width:100%;background:#ffffff;border:1px solid #e5e7eb;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#111827;">
<tr><td style="padding:20px 24px;background:#0f4c81;color:#ffffff;">
<div style="font-size:20px;font-weight:bold;">codecurrent</div>
<div style="font-size:14px;"><%= it.periodLabel %> · <%= it.totalChanges %> change<%= it.totalChanges === 1 ? "" : "s" %> in your codes</div>
</td></tr>
<% if (it.greetingName) { %><tr><td style="padding:16px 24px 0 24px;">Hello <%= it.greetingName %>,</td></tr><% } %>
<% if (it.headsUp.length > 0) { %>
<tr><td style="padding:16px 24px 0 24px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#fff7ed;border:1px solid #fdba74;">
<tr><td style="padding:10px 12px;font-weight:bold;color:#9a3412;">Coming up in the next two weeks</td></tr>
<% for (const event of it.headsUp) { %>
<tr><td style="padding:4px 12px 8px 12px;"><strong><%= event.date %></strong> — <%= event.title %><br><span style="color:#4b5563;"><%= event.detail %></span></td></tr>
<% } %>
</table></td></tr>
<% } %>
<% for (const group of it.groups) { %>
<tr><td style="padding:20px 24px 4px 24px;font-size:16px;font-weight:bold;border-bottom:2px solid #0f4c81;"><%= group.systemLabel %> <span style="font-weight:normal;color:#6b7280;font-size:13px;">· source <%= group.sourceId %> · <%= group.total %> change<%= group.total === 1 ? "" : "s" %></span></td></tr>
<tr><td style="padding:0 24px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
<% for (const item of group.items) { %>
<tr><td style="padding:10px 0;border-bottom:1px solid #e5e7eb;">
<div><span style="font-family:Consolas,Menlo,monospace;font-weight:bold;"><%= item.code %></span> <span style="color:<%= item.changeType === "deleted" ? "#b91c1c" : item.changeType === "added" ? "#15803d" : "#1d4ed8" %>;font-weight:bold;"><%= item.label %></span><% if (item.effectiveSoon) { %> <span style="background:#fef3c7;color:#92400e;padding:1px 6px;font-size:12px;">effective soon</span><% } %></div>
<% if (item.title) { %><div><%= item.title %></div><% } %>
<% if (item.details) { %><div style="font-size:13px;color:#374151;"><%= item.details %></div><% } %>
<% for (const field of item.fields) { %>
<div style="font-size:13px;color:#374151;"><%= field.field %>: <span style="text-decoration:line-through;color:#9ca3af;"><%= field.before %></span> → <%= field.after %></div>
<% } %>
<div style="font-size:12px;color:#6b7280;"><% if (item.document) { %><%= item.document %><% } else { %>Effective <%= item.effectiveDate || "date not published" %> · release <%= item.version %><% } %> · <% if (item.readUrl) { %><a href="<%= item.readUrl %>" style="color:#0f4c81;">read it</a> · <% } %><a href="<%= item.evidenceUrl %>" style="color:#0f4c81;">evidence (official file)</a></div>
</td></tr>
<% } %>
<% if (group.more > 0) { %><tr><td style="padding:8px 0;color:#6b7280;font-size:13px;">…and <%= group.more %> more in this group.</td></tr><% } %>
</table></td></tr>
<% } %>
<% if (it.ceuCycles.length > 0) { %>
<tr><td style="padding:20px 24px 0 24px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#eff6ff;border:1px solid #bfdbfe;">
<tr><td style="padding:10px 12px;font-weight:bold;color:#1e3a8a;">Your CEUs</td></tr>
<% for (const cycle of it.ceuCycles) { %>
<tr><td style="padding:4px 12px 8px 12px;"><strong><%= cycle.body %></strong> (<%= cycle.credentials.join(", ") %>): <%= cycle.earned %> of <%= cycle.required %> CEUs earned, <strong><%= cycle.remaining %> to go</strong>, cycle ends <%= cycle.cycleEnd %> (<%= cycle.daysLeft %> days)<% if (cycle.auditingRequired > 0) { %>; auditing <%= cycle.auditingEarned %> of <%= cycle.auditingRequired %><% } %></td></tr>
<% } %>
<tr><td style="padding:4px 12px 10px 12px;"><a href="<%= it.links.logCeus %>" style="color:#0f4c81;">Log CEUs</a></td></tr>
</table></td></tr>
<% } %>
<tr><td style="padding:20px 24px;font-size:12px;color:#6b7280;">
CPT® is a registered trademark of the American Medical Association; CPT codes are shown by number only.<br>
<a href="<%= it.links.preferences %>" style="color:#0f4c81;">Change what you receive</a> · <a href="<%= it.links.unsubscribe %>" style="color:#0f4c81;">Unsubscribe</a>
</td></tr>
</table>
</td></tr></table>
</body></html>
`;
