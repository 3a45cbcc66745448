/**
 * The whole digest as a web page (inside the subscription pages' frame): every matched change,
 * grouped as in the email, each group's full list one click away. Reached from the email's
 * "see them all" links by a signed link; no account.
 */
const ITEM = `<div class="item">
<p><span class="code"><%= item.code %></span> <strong><%= item.headline %></strong><% if (item.watched) { %> <span class="tag">on your watchlist</span><% } %></p>
<% if (item.title) { %><p><%= item.title %></p><% } %>
<% for (const detail of item.details) { %><p class="meta"><%= detail %></p><% } %>
<p class="meta"><% if (item.timing === "upcoming") { %><span class="tag">Upcoming</span> <% } %><%= item.when %> · release <%= item.version %><%= item.table ? " (" + item.table + " table)" : "" %> · <% if (item.readUrl) { %><a href="<%= item.readUrl %>">read it</a> · <% } %><a href="<%= item.evidenceUrl %>">official file</a></p>
</div>`;

export const DIGEST_PAGE = `<% layout("@page", { title: "Your digest" }) %>
<h1>Your codecurrent digest</h1>
<p><%= it.windowLabel %>: <strong><%= it.content.totalChanges.toLocaleString("en-US") %> change<%= it.content.totalChanges === 1 ? "" : "s" %></strong> in your codes, <%= it.content.upcoming.toLocaleString("en-US") %> upcoming and <%= it.content.inEffect.toLocaleString("en-US") %> already in effect.</p>
<ul class="nav"><li><a href="<%= it.links.preferences %>">Change what you receive</a></li><li><a href="<%= it.links.logCeus %>">Your CEU log</a></li><li><a href="<%= it.links.unsubscribe %>">Unsubscribe</a></li></ul>
<% if (it.only) { %><p><a href="<%= it.links.whole %>">Back to the whole digest</a></p><% } %>
<% if (it.content.yourCodes) { %>
<section aria-labelledby="your-codes"><h2 id="your-codes">Your codes: <%= it.content.yourCodes.total %> change<%= it.content.yourCodes.total === 1 ? "" : "s" %></h2>
<div class="warning"><% for (const line of it.content.yourCodes.summary) { %><p><%= line %></p><% } %></div>
<% for (const item of it.content.yourCodes.items) { %>${ITEM}<% } %>
</section>
<% } %>
<% if (it.content.headsUp.length > 0 && !it.only) { %>
<section aria-labelledby="coming-up"><h2 id="coming-up">Coming up</h2><ul>
<% for (const day of it.content.headsUp) { %><li><strong><%= day.date %></strong> (in <%= day.daysAway %> day<%= day.daysAway === 1 ? "" : "s" %>):<ul><% for (const event of day.events) { %><li><%= event.title %>. <%= event.detail %></li><% } %></ul></li><% } %>
</ul></section>
<% } %>
<% for (const group of it.content.groups) { %>
<section aria-labelledby="<%= group.id %>"><h2 id="<%= group.id %>"><%= group.label %></h2>
<p class="meta"><%= group.total.toLocaleString("en-US") %> change<%= group.total === 1 ? "" : "s" %>: <%= group.upcoming.toLocaleString("en-US") %> upcoming, <%= group.inEffect.toLocaleString("en-US") %> already in effect.</p>
<% for (const item of group.items) { %>${ITEM}<% } %>
<% if (group.more > 0) { %><p><% if (it.only) { %>The first <%= group.items.length %> are shown; the rest of this group is in the change log of your organisation's codecurrent.<% } else { %><a href="<%= it.groupUrl(group.id) %>">Show all <%= group.total.toLocaleString("en-US") %> in this group</a><% } %></p><% } %>
</section>
<% } %>
<% if (it.content.totalChanges === 0) { %><p>Nothing in your codes changed in this period.</p><% } %>
`;
