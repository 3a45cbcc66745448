/**
 * The subscription pages' templates (Eta, auto-escaping: `<%= %>` escapes, `<%~ %>` is only ever
 * given markup the templates or the field helpers made). Forms post back to their own page with the
 * signed token as a hidden field: the token is the capability, so there is no session to forge.
 */
import { ERROR_SUMMARY } from "./page-layout.js";

export const SIGN_UP_PAGE = `<% layout("@page", { title: "Sign up", error: it.errors.length > 0 }) %>
${ERROR_SUMMARY}
<h1>Get the code changes that touch your codes</h1>
<p>codecurrent reads CMS's code sets, NCCI edits and rules as they are published and emails you only what changes in the codes you work with: deleted codes with what to use instead, edits that now bundle or unbundle a pair, MUE limits, and the dates they take effect.</p>
<form method="post" action="<%= it.action %>" enctype="multipart/form-data" novalidate>
<div class="field <%= it.invalid('email') %>">
<label for="email">Email address</label>
<%~ it.errorsOf('email') %>
<input type="email" id="email" name="email" autocomplete="email" spellcheck="false" value="<%= it.email %>" <%~ it.aria('email', false) %>>
</div>
<div class="field">
<label for="name">Your first name (optional)</label>
<p class="hint" id="name-hint">Only to greet you in the digest.</p>
<input type="text" id="name" name="name" autocomplete="given-name" value="<%= it.name %>" aria-describedby="name-hint">
</div>
<%~ include("@preferences-fields", it) %>
<p>We send one email to confirm the address. Nothing else is sent until you confirm.</p>
<button type="submit">Sign up</button>
</form>
`;

export const PREFERENCES_PAGE = `<% layout("@page", { title: "Your preferences", error: it.errors.length > 0 }) %>
${ERROR_SUMMARY}
<% if (it.notice) { %><div class="notice" role="status"><p><%= it.notice %></p></div><% } %>
<% if (it.pendingNote) { %><div class="warning"><p><%= it.pendingNote %></p></div><% } %>
<h1>What you receive</h1>
<ul class="nav"><li><a href="<%= it.links.logCeus %>">Your CEU log</a></li><li><a href="<%= it.links.unsubscribe %>">Unsubscribe</a></li></ul>
<form method="post" action="<%= it.action %>" enctype="multipart/form-data" novalidate>
<input type="hidden" name="token" value="<%= it.token %>">
<%~ include("@preferences-fields", it) %>
<button type="submit">Save preferences</button>
</form>
`;

export const CONFIRM_PAGE = `<% layout("@page", { title: it.heading }) %>
<h1><%= it.heading %></h1>
<% for (const paragraph of it.paragraphs) { %><p><%= paragraph %></p><% } %>
<% if (it.summary.length > 0) { %>
<h2>You will receive</h2>
<ul><% for (const line of it.summary) { %><li><%= line %></li><% } %></ul>
<% } %>
<form method="post" action="<%= it.action %>">
<input type="hidden" name="token" value="<%= it.token %>">
<button type="submit"><%= it.button %></button>
</form>
<p class="hint">Not you? Close this page: nothing changes until the button is pressed.</p>
`;

export const CEU_PAGE = `<% layout("@page", { title: "Your CEU log", error: it.errors.length > 0 }) %>
${ERROR_SUMMARY}
<% if (it.notice) { %><div class="notice" role="status"><p><%= it.notice %></p></div><% } %>
<h1>Your CEU log</h1>
<ul class="nav"><li><a href="<%= it.links.preferences %>">Your preferences and credentials</a></li><li><a href="<%= it.links.unsubscribe %>">Unsubscribe</a></li></ul>
<% if (it.cycles.length === 0) { %>
<p>You have no credentials on file, so there is no cycle to count against. Add them on <a href="<%= it.links.preferences %>">your preferences page</a>; entries you log here are kept.</p>
<% } %>
<% for (const cycle of it.cycles) { %>
<h2><%= cycle.body %>: <%= cycle.credentials.join(", ") %></h2>
<p><strong><%= cycle.earned %> of <%= cycle.required %> CEUs</strong> earned in the cycle <%= cycle.cycleStart %> to <%= cycle.cycleEnd %>; <%= cycle.remaining > 0 ? cycle.remaining + " to go" : "the total is complete" %>, <%= cycle.daysLeft >= 0 ? cycle.daysLeft + " days left." : "the cycle has ended." %></p>
<% if (cycle.specific.length > 0) { %>
<table><caption class="visually-hidden">CEUs that must be approved for one credential</caption>
<thead><tr><th scope="col">Approved for</th><th scope="col" class="num">Earned</th><th scope="col" class="num">Required</th></tr></thead>
<tbody><% for (const part of cycle.specific) { %><tr><td><%= part.credential %> (<%= part.topic %>)</td><td class="num"><%= part.earned %></td><td class="num"><%= part.required %></td></tr><% } %></tbody></table>
<% } %>
<% } %>
<h2>Log CEUs</h2>
<form method="post" action="<%= it.action %>" novalidate>
<input type="hidden" name="token" value="<%= it.token %>">
<input type="hidden" name="action" value="log">
<div class="row">
<div class="field <%= it.invalid('date') %>">
<label for="date">Completed on</label>
<%~ it.errorsOf('date') %>
<input type="date" id="date" name="date" value="<%= it.values.date %>" <%~ it.aria('date', false) %>>
</div>
<div class="field <%= it.invalid('hours') %>">
<label for="hours">CEUs</label>
<%~ it.errorsOf('hours') %>
<input type="number" id="hours" name="hours" min="0.25" max="100" step="0.25" inputmode="decimal" value="<%= it.values.hours %>" <%~ it.aria('hours', false) %>>
</div>
</div>
<% if (it.approvals.length > 0) { %>
<div class="field <%= it.invalid('approvedFor') %>">
<label for="approvedFor">Approved for a credential's own CEUs</label>
<p class="hint" id="approvedFor-hint">Only if the activity was pre-approved for it (e.g. auditing CEUs for the CPMA). They also count toward the total.</p>
<%~ it.errorsOf('approvedFor') %>
<select id="approvedFor" name="approvedFor" <%~ it.aria('approvedFor', true) %>>
<option value="">No, general CEUs</option>
<% for (const option of it.approvals) { %><option value="<%= option.id %>"<%= it.values.approvedFor === option.id ? " selected" : "" %>><%= option.label %></option><% } %>
</select>
</div>
<% } %>
<div class="field <%= it.invalid('activity') %>">
<label for="activity">Activity (optional)</label>
<%~ it.errorsOf('activity') %>
<input type="text" id="activity" name="activity" maxlength="200" value="<%= it.values.activity %>" <%~ it.aria('activity', false) %>>
</div>
<button type="submit">Log CEUs</button>
</form>
<h2 id="entries">Logged entries</h2>
<% if (it.entries.length === 0) { %><p><%= it.before ? "No older entries." : "Nothing logged yet." %></p><% } else { %>
<table>
<thead><tr><th scope="col">Date</th><th scope="col" class="num">CEUs</th><th scope="col">Activity</th><th scope="col"><span class="visually-hidden">Delete</span></th></tr></thead>
<tbody>
<% for (const entry of it.entries) { %>
<tr><td class="date"><%= entry.date %></td><td class="num"><%= entry.hours %></td><td><%= entry.activity || "" %><% if (entry.approvedFor) { %> <span class="tag">approved for <%= entry.approvedFor %></span><% } %></td>
<td><form method="post" action="<%= it.action %>"><input type="hidden" name="token" value="<%= it.token %>"><input type="hidden" name="action" value="delete"><input type="hidden" name="entry" value="<%= entry.entryKey %>"><button type="submit" class="link">Delete<span class="visually-hidden"> the entry of <%= entry.date %>, <%= entry.hours %> CEUs</span></button></form></td></tr>
<% } %>
</tbody></table>
<% } %>
<p><% if (it.newerUrl) { %><a href="<%= it.newerUrl %>">Newest entries</a><% } %><% if (it.newerUrl && it.olderUrl) { %> · <% } %><% if (it.olderUrl) { %><a href="<%= it.olderUrl %>">Older entries</a><% } %></p>
<p class="hint">Your log keeps up to <%= it.maxEntries %> entries.</p>
`;

export const UNSUBSCRIBE_PAGE = `<% layout("@page", { title: "Unsubscribe" }) %>
<h1>Unsubscribe from codecurrent?</h1>
<p>You will receive no more digests or CEU reminders at this address.</p>
<form method="post" action="<%= it.action %>">
<input type="hidden" name="token" value="<%= it.token %>">
<button type="submit">Unsubscribe</button>
</form>
<p>Or <a href="<%= it.links.preferences %>">receive less instead</a>: a monthly digest, or only your watchlist.</p>
`;

/**
 * Every page that only tells something: the sign-up's "check your inbox", "unsubscribed", a dead
 * link (with the form that sends a fresh one), a page not found.
 */
export const MESSAGE_PAGE = `<% layout("@page", { title: it.heading, error: it.errors.length > 0 }) %>
${ERROR_SUMMARY}
<h1><%= it.heading %></h1>
<% for (const paragraph of it.paragraphs) { %><p><%= paragraph %></p><% } %>
<% if (it.newLink) { %>
<h2>Get a fresh link</h2>
<form method="post" action="<%= it.newLink.action %>" novalidate>
<div class="field <%= it.invalid('email') %>">
<label for="email">Your email address</label>
<p class="hint" id="email-hint">If it is subscribed, we email it new links (at most one such email a day).</p>
<%~ it.errorsOf('email') %>
<input type="email" id="email" name="email" autocomplete="email" spellcheck="false" value="<%= it.newLink.email %>" <%~ it.aria('email', true) %>>
</div>
<button type="submit">Email me a fresh link</button>
</form>
<% } %>
<% if (it.links.length > 0) { %><ul class="nav"><% for (const link of it.links) { %><li><a href="<%= link.url %>"><%= link.label %></a></li><% } %></ul><% } %>
`;
