/**
 * The plain-text digest: what text-only clients, screen readers and spam filters read. Control
 * tags end in `-%>` (which drops the newline after them), so each output line is a template line.
 */
const ITEM = `<%= it.item.code %>: <%= it.item.headline %>
<% if (it.item.title) { -%>
  <%= it.item.title %>
<% } -%>
<% for (const detail of it.item.details) { -%>
  <%= detail %>
<% } -%>
  <%= it.item.timing === "upcoming" ? "UPCOMING: " : "" %><%= it.item.when %>, release <%= it.item.version %><%= it.item.table ? " (" + it.item.table + " table)" : "" %>
<% if (it.item.readUrl) { -%>
  Read: <%= it.item.readUrl %>
<% } -%>
  Official file: <%= it.item.evidenceUrl %>

`;

export const DIGEST_ITEM_TEXT = ITEM;

export const DIGEST_TEXT = `codecurrent · <%= it.periodLabel %>
<%= it.totalChanges.toLocaleString("en-US") %> change<%= it.totalChanges === 1 ? "" : "s" %> in your codes<% if (it.totalChanges > 0) { %>: <%= it.upcoming.toLocaleString("en-US") %> upcoming, <%= it.inEffect.toLocaleString("en-US") %> already in effect<% } %>

<% if (it.greetingName) { -%>
Hello <%= it.greetingName %>,

<% } -%>
<% if (it.yourCodes) { -%>
== YOUR CODES: <%= it.yourCodes.total %> change<%= it.yourCodes.total === 1 ? "" : "s" %> ==
<% for (const line of it.yourCodes.summary) { -%>
* <%= line %>
<% } -%>

<% for (const item of it.yourCodes.items) { -%>
<%~ include("@item-text", { item }) -%>
<% } -%>
<% if (it.yourCodes.more > 0) { -%>
...and <%= it.yourCodes.more %> more of your codes: <%= it.links.fullDigest %>#your-codes

<% } -%>
<% } -%>
<% if (it.headsUp.length > 0) { -%>
COMING UP
<% for (const day of it.headsUp) { -%>
- <%= day.date %> (in <%= day.daysAway %> day<%= day.daysAway === 1 ? "" : "s" %>): <%= day.events.map((event) => event.title).join("; ") %>.<%= day.events.length === 1 ? " " + day.events[0].detail : "" %>
<% } -%>

<% } -%>
<% for (const group of it.groups) { -%>
== <%= group.label %>: <%= group.total.toLocaleString("en-US") %> change<%= group.total === 1 ? "" : "s" %> (<%= group.upcoming.toLocaleString("en-US") %> upcoming, <%= group.inEffect.toLocaleString("en-US") %> already in effect) ==

<% for (const item of group.items) { -%>
<%~ include("@item-text", { item }) -%>
<% } -%>
<% if (group.more > 0) { -%>
...and <%= group.more.toLocaleString("en-US") %> more in this group: <%= it.links.fullDigest %>#<%= group.id %>

<% } -%>
<% } -%>
<% if (it.totalChanges > 0) { -%>
The whole digest on the web (no sign-in needed): <%= it.links.fullDigest %>

<% } -%>
<% if (it.ceuCycles.length > 0) { -%>
YOUR CEUS
<% for (const cycle of it.ceuCycles) { -%>
- <%= cycle.body %> (<%= cycle.credentials.join(", ") %>): <%= cycle.earned %> of <%= cycle.required %> earned, <%= cycle.remaining %> to go, cycle ends <%= cycle.cycleEnd %> (<%= cycle.daysLeft %> days)<% for (const part of cycle.specific) { %>; <%= part.credential %> (<%= part.topic %>) <%= part.earned %> of <%= part.required %><% } %>
<% } -%>
Log CEUs: <%= it.links.logCeus %>

<% } -%>
--
CPT(R) is a registered trademark of the American Medical Association; CPT codes are shown by number only.
Change what you receive: <%= it.links.preferences %>
Unsubscribe: <%= it.links.unsubscribe %>
`;
