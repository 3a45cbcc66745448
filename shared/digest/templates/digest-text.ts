/**
 * The plain-text digest: what text-only clients, screen readers and spam filters read. Control
 * tags end in `-%>` (which drops the newline after them), so each output line is a template line.
 */
export const DIGEST_TEXT = `codecurrent · <%= it.periodLabel %>
<%= it.totalChanges %> change<%= it.totalChanges === 1 ? "" : "s" %> in your codes

<% if (it.greetingName) { -%>
Hello <%= it.greetingName %>,

<% } -%>
<% if (it.headsUp.length > 0) { -%>
COMING UP IN THE NEXT TWO WEEKS
<% for (const event of it.headsUp) { -%>
- <%= event.date %>: <%= event.title %>. <%= event.detail %>
<% } -%>

<% } -%>
<% for (const group of it.groups) { -%>
== <%= group.systemLabel %> (source <%= group.sourceId %>, <%= group.total %> change<%= group.total === 1 ? "" : "s" %>) ==

<% for (const item of group.items) { -%>
<%= item.code %>  <%= item.label %><%= item.effectiveSoon ? "  [effective soon]" : "" %>
<% if (item.title) { -%>
  <%= item.title %>
<% } -%>
<% if (item.details) { -%>
  <%= item.details %>
<% } -%>
<% for (const field of item.fields) { -%>
  <%= field.field %>: "<%= field.before %>" -> "<%= field.after %>"
<% } -%>
<% if (item.document) { -%>
  <%= item.document %>
<% } else { -%>
  Effective <%= item.effectiveDate || "date not published" %>, release <%= item.version %>
<% } -%>
<% if (item.readUrl) { -%>
  Read: <%= item.readUrl %>
<% } -%>
  Evidence: <%= item.evidenceUrl %>

<% } -%>
<% if (group.more > 0) { -%>
  ...and <%= group.more %> more in this group.

<% } -%>
<% } -%>
<% if (it.ceuCycles.length > 0) { -%>
YOUR CEUS
<% for (const cycle of it.ceuCycles) { -%>
- <%= cycle.body %> (<%= cycle.credentials.join(", ") %>): <%= cycle.earned %> of <%= cycle.required %> earned, <%= cycle.remaining %> to go, cycle ends <%= cycle.cycleEnd %> (<%= cycle.daysLeft %> days)<%= cycle.auditingRequired > 0 ? "; auditing " + cycle.auditingEarned + " of " + cycle.auditingRequired : "" %>
<% } -%>
Log CEUs: <%= it.links.logCeus %>

<% } -%>
--
CPT(R) is a registered trademark of the American Medical Association; CPT codes are shown by number only.
Change what you receive: <%= it.links.preferences %>
Unsubscribe: <%= it.links.unsubscribe %>
`;
