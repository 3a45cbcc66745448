/**
 * The HTML digest, inside the email frame (shared/email/email-layout.ts: fluid to 640 px, dark-mode
 * safe, preheader). Mail clients (Outlook's Word engine above all) ignore flexbox and most CSS:
 * layout is tables, every style inline, and every element that sets a text colour sets its
 * background too. `<%= %>` escapes; nothing from a change is ever output raw.
 */
const ITEM = `<tr><td class="cc-card" style="padding:10px 0;border-bottom:1px solid #e5e7eb;background:#ffffff;color:#111827;">
<div><b style="font-family:Consolas,Menlo,monospace;font-size:16px;"><%= it.item.code %></b> <span class="<%= it.item.changeType === "deleted" ? "cc-del" : it.item.changeType === "added" ? "cc-add" : "cc-rev" %>" style="font-weight:bold;background:#ffffff;color:<%= it.item.changeType === "deleted" ? "#b91c1c" : it.item.changeType === "added" ? "#15803d" : "#1d4ed8" %>;"><%= it.item.headline %></span></div>
<% if (it.item.title) { %><div><%= it.item.title %></div><% } %>
<% for (const detail of it.item.details) { %><div class="cc-muted" style="font-size:14px;background:#ffffff;color:#374151;"><%= detail %></div><% } %>
<div class="cc-muted" style="font-size:13px;background:#ffffff;color:#4b5563;"><% if (it.item.timing === "upcoming") { %><span class="cc-soon" style="font-weight:bold;background:#fef3c7;color:#92400e;">Upcoming:</span> <% } %><%= it.item.when %> · release <%= it.item.version %><%= it.item.table ? " (" + it.item.table + " table)" : "" %> · <% if (it.item.readUrl) { %><a href="<%= it.item.readUrl %>" style="color:#0f4c81;">read it</a> · <% } %><a href="<%= it.item.evidenceUrl %>" style="color:#0f4c81;">official file</a></div>
</td></tr>`;

export const DIGEST_ITEM_HTML = ITEM;

export const DIGEST_HTML = `<% layout("@email", { title: "codecurrent digest", preheader: it.preheader }) %>
<tr><td style="padding:18px 20px;background:#0f4c81;color:#ffffff;">
<div style="font-size:20px;line-height:26px;font-weight:bold;">codecurrent</div>
<div style="font-size:14px;"><%= it.periodLabel %> · <%= it.totalChanges.toLocaleString("en-US") %> change<%= it.totalChanges === 1 ? "" : "s" %> in your codes<% if (it.totalChanges > 0) { %>: <%= it.upcoming.toLocaleString("en-US") %> upcoming, <%= it.inEffect.toLocaleString("en-US") %> already in effect<% } %></div>
</td></tr>
<% if (it.greetingName) { %><tr><td class="cc-card" style="padding:14px 20px 0 20px;background:#ffffff;color:#111827;">Hello <%= it.greetingName %>,</td></tr><% } %>
<% if (it.yourCodes) { %>
<tr><td class="cc-card" style="padding:16px 20px 4px 20px;background:#ffffff;color:#111827;"><h2 style="margin:0;font-size:18px;border-bottom:2px solid #b45309;">Your codes: <%= it.yourCodes.total %> change<%= it.yourCodes.total === 1 ? "" : "s" %></h2></td></tr>
<tr><td class="cc-note" style="padding:8px 20px;background:#fff7ed;color:#111827;"><% for (const line of it.yourCodes.summary) { %><p style="margin:4px 0;"><%= line %></p><% } %></td></tr>
<tr><td style="padding:0 20px;"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
<% for (const item of it.yourCodes.items) { %><%~ include("@item", { item }) %><% } %>
<% if (it.yourCodes.more > 0) { %><tr><td class="cc-card" style="padding:8px 0;background:#ffffff;color:#111827;"><a href="<%= it.links.fullDigest %>#your-codes" style="color:#0f4c81;">…and <%= it.yourCodes.more %> more of your codes: see them all</a></td></tr><% } %>
</table></td></tr>
<% } %>
<% if (it.headsUp.length > 0) { %>
<tr><td style="padding:16px 20px 0 20px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" class="cc-note" style="background:#fff7ed;color:#111827;border:1px solid #fdba74;">
<tr><td class="cc-note" style="padding:10px 12px 4px 12px;font-weight:bold;background:#fff7ed;color:#9a3412;">Coming up</td></tr>
<% for (const day of it.headsUp) { %>
<tr><td class="cc-note" style="padding:4px 12px 8px 12px;background:#fff7ed;color:#111827;"><b><%= day.date %></b> (in <%= day.daysAway %> day<%= day.daysAway === 1 ? "" : "s" %>): <%= day.events.map((event) => event.title).join("; ") %>.<% if (day.events.length === 1) { %> <span class="cc-note" style="background:#fff7ed;color:#4b5563;"><%= day.events[0].detail %></span><% } %></td></tr>
<% } %>
</table></td></tr>
<% } %>
<% if (it.groups.length > 0 && it.yourCodes) { %><tr><td class="cc-card" style="padding:20px 20px 0 20px;font-size:16px;font-weight:bold;background:#ffffff;color:#111827;">Everything else that matches your preferences</td></tr><% } %>
<% for (const group of it.groups) { %>
<tr><td class="cc-card" style="padding:18px 20px 4px 20px;background:#ffffff;color:#111827;"><h2 style="margin:0;font-size:17px;border-bottom:2px solid #0f4c81;"><%= group.label %></h2>
<div class="cc-muted" style="font-size:13px;background:#ffffff;color:#4b5563;"><%= group.total.toLocaleString("en-US") %> change<%= group.total === 1 ? "" : "s" %>: <%= group.upcoming.toLocaleString("en-US") %> upcoming, <%= group.inEffect.toLocaleString("en-US") %> already in effect</div></td></tr>
<tr><td style="padding:0 20px;"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
<% for (const item of group.items) { %><%~ include("@item", { item }) %><% } %>
<% if (group.more > 0) { %><tr><td class="cc-card" style="padding:8px 0;background:#ffffff;color:#111827;"><a href="<%= it.links.fullDigest %>#<%= group.id %>" style="color:#0f4c81;">…and <%= group.more.toLocaleString("en-US") %> more in this group: see them all</a></td></tr><% } %>
</table></td></tr>
<% } %>
<% if (it.totalChanges > 0) { %><tr><td class="cc-card" style="padding:18px 20px 0 20px;background:#ffffff;color:#111827;"><a href="<%= it.links.fullDigest %>" style="color:#0f4c81;font-weight:bold;">See the whole digest on the web</a> <span class="cc-muted" style="background:#ffffff;color:#4b5563;">(no sign-in needed)</span></td></tr><% } %>
<% if (it.ceuCycles.length > 0) { %>
<tr><td style="padding:18px 20px 0 20px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" class="cc-info" style="background:#eff6ff;color:#111827;border:1px solid #bfdbfe;">
<tr><td class="cc-info" style="padding:10px 12px 4px 12px;font-weight:bold;background:#eff6ff;color:#1e3a8a;">Your CEUs</td></tr>
<% for (const cycle of it.ceuCycles) { %>
<tr><td class="cc-info" style="padding:4px 12px 8px 12px;background:#eff6ff;color:#111827;"><b><%= cycle.body %></b> (<%= cycle.credentials.join(", ") %>): <%= cycle.earned %> of <%= cycle.required %> CEUs earned, <b><%= cycle.remaining %> to go</b>, cycle ends <%= cycle.cycleEnd %> (<%= cycle.daysLeft %> days)<% for (const part of cycle.specific) { %>; <%= part.credential %> (<%= part.topic %>) <%= part.earned %> of <%= part.required %><% } %></td></tr>
<% } %>
<tr><td class="cc-info" style="padding:4px 12px 10px 12px;background:#eff6ff;color:#111827;"><a href="<%= it.links.logCeus %>" style="color:#0f4c81;">Log CEUs</a></td></tr>
</table></td></tr>
<% } %>
<tr><td class="cc-muted" style="padding:20px;font-size:13px;background:#ffffff;color:#4b5563;">
CPT® is a registered trademark of the American Medical Association; CPT codes are shown by number only.<br>
<a href="<%= it.links.preferences %>" style="color:#0f4c81;">Change what you receive</a> · <a href="<%= it.links.unsubscribe %>" style="color:#0f4c81;">Unsubscribe</a>
</td></tr>
`;
