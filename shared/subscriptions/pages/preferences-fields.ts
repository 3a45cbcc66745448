/**
 * The preferences controls, shared by the sign-up and the preferences page (an Eta partial:
 * `<%~ include("@preferences-fields", it) %>`). Data: `values` (PreferencesValues), `choices`
 * (PREFERENCE_CHOICES), `rows` (credential rows) and the field helpers of render-page.ts.
 */
export const PREFERENCES_FIELDS = `
<fieldset id="workSetting" class="<%= it.invalid('workSetting') %>" <%~ it.aria('workSetting', true) %>>
<legend>Where do you work?</legend>
<p class="hint" id="workSetting-hint">This decides which code sets you receive: no ICD-10-PCS for professional-fee coding, the outpatient-hospital NCCI tables for a hospital outpatient department…</p>
<%~ it.errorsOf('workSetting') %>
<% for (const setting of it.choices.workSettings) { %>
<label class="choice"><input type="radio" name="workSetting" value="<%= setting.id %>"<%= it.values.workSetting === setting.id ? " checked" : "" %>> <%= setting.label %></label>
<% } %>
</fieldset>

<fieldset id="specialties" <%~ it.aria('specialties', true) %>>
<legend>Specialties (optional)</legend>
<p class="hint" id="specialties-hint">The diagnosis and procedure code ranges each specialty bills. Choose none to rely on your watchlist.</p>
<%~ it.errorsOf('specialties') %>
<div class="choices-2">
<% for (const specialty of it.choices.specialties) { %>
<label class="choice"><input type="checkbox" name="specialties" value="<%= specialty.id %>"<%= it.values.specialties.includes(specialty.id) ? " checked" : "" %>> <%= specialty.label %></label>
<% } %>
</div>
</fieldset>

<div class="field <%= it.invalid('watchlist') %>">
<label for="watchlist">Your watchlist: the codes you bill (optional)</label>
<p class="hint" id="watchlist-hint">One per line, or separated by commas: ICD-10-CM with or without the dot (I25.10 or I2510), CPT and HCPCS codes (33208, J1100), ranges (33206-33249). Changes to these codes come first in every digest. At most 500.</p>
<%~ it.errorsOf('watchlist') %>
<textarea id="watchlist" name="watchlist" rows="6" spellcheck="false" autocapitalize="characters" <%~ it.aria('watchlist', true) %>><%= it.values.watchlist %></textarea>
</div>
<div class="field <%= it.invalid('watchlistFile') %>">
<label for="watchlistFile">Or upload a CSV file of codes (optional)</label>
<p class="hint" id="watchlistFile-hint">For example your practice's top 200 billed codes exported from a spreadsheet: the codes in the first column, with or without a header row; other columns are ignored. They are added to the list above.</p>
<%~ it.errorsOf('watchlistFile') %>
<input type="file" id="watchlistFile" name="watchlistFile" accept=".csv,.txt,text/csv,text/plain" <%~ it.aria('watchlistFile', true) %>>
</div>

<fieldset>
<legend>How often</legend>
<div class="field <%= it.invalid('frequency') %>">
<label for="frequency">Digest</label>
<%~ it.errorsOf('frequency') %>
<select id="frequency" name="frequency" <%~ it.aria('frequency', false) %>>
<% for (const option of it.choices.frequencies) { %><option value="<%= option.id %>"<%= it.values.frequency === option.id ? " selected" : "" %>><%= option.label %></option><% } %>
</select>
</div>
<div class="row">
<div class="field <%= it.invalid('sendHour') %>">
<label for="sendHour">At</label>
<%~ it.errorsOf('sendHour') %>
<select id="sendHour" name="sendHour" <%~ it.aria('sendHour', false) %>>
<% for (const option of it.choices.hours) { %><option value="<%= option.id %>"<%= it.values.sendHour === option.id ? " selected" : "" %>><%= option.label %></option><% } %>
</select>
</div>
<div class="field <%= it.invalid('timeZone') %>">
<label for="timeZone">Time zone</label>
<%~ it.errorsOf('timeZone') %>
<select id="timeZone" name="timeZone" <%~ it.aria('timeZone', false) %>>
<% for (const option of it.choices.timeZones(it.values.timeZone)) { %><option value="<%= option.id %>"<%= it.values.timeZone === option.id ? " selected" : "" %>><%= option.label %></option><% } %>
</select>
</div>
</div>
</fieldset>

<fieldset id="credentials" <%~ it.aria('credentials', true) %>>
<legend>Your credentials (optional)</legend>
<p class="hint" id="credentials-hint">For CEU reminders: each credential and the day its current CEU cycle ends (AAPC: your membership renewal date; AHIMA and NHA: your recertification date).</p>
<% it.rows.forEach((row, index) => { %>
<div class="row">
<div class="field <%= it.invalid('credential-' + index) %>">
<label for="credential-<%= index %>">Credential <%= index + 1 %></label>
<%~ it.errorsOf('credential-' + index) %>
<select id="credential-<%= index %>" name="credential-<%= index %>" <%~ it.aria('credential-' + index, false) %>>
<option value="">(none)</option>
<% for (const group of it.choices.credentialGroups) { %><optgroup label="<%= group.body %>"><% for (const option of group.credentials) { %><option value="<%= option.id %>"<%= row.credential === option.id ? " selected" : "" %>><%= option.label %></option><% } %></optgroup><% } %>
</select>
</div>
<div class="field <%= it.invalid('cycleEnd-' + index) %>">
<label for="cycleEnd-<%= index %>">Cycle ends</label>
<%~ it.errorsOf('cycleEnd-' + index) %>
<input type="date" id="cycleEnd-<%= index %>" name="cycleEnd-<%= index %>" value="<%= row.cycleEnd %>" <%~ it.aria('cycleEnd-' + index, false) %>>
</div>
</div>
<% }) %>
</fieldset>

<details<%= it.values.codeSystems.length + it.values.sources.length > 0 || it.values.codeRanges || it.values.keywords || it.invalid('codeRanges') || it.invalid('keywords') ? " open" : "" %>>
<summary>More: whole code sets, documents, code ranges and keywords</summary>
<fieldset>
<legend>Follow whole code sets</legend>
<p class="hint">Every change in these, beyond what your work setting and specialties select.</p>
<% for (const system of it.choices.codeSystems) { %>
<label class="choice"><input type="checkbox" name="codeSystems" value="<%= system.id %>"<%= it.values.codeSystems.includes(system.id) ? " checked" : "" %>> <%= system.label %></label>
<% } %>
</fieldset>
<fieldset>
<legend>Follow documents</legend>
<% for (const source of it.choices.sources) { %>
<label class="choice"><input type="checkbox" name="sources" value="<%= source.id %>"<%= it.values.sources.includes(source.id) ? " checked" : "" %>> <%= source.label %></label>
<% } %>
</fieldset>
<div class="field <%= it.invalid('codeRanges') %>">
<label for="codeRanges">Extra code ranges</label>
<p class="hint" id="codeRanges-hint">Separated by commas, e.g. I20-I25, E11, J9.</p>
<%~ it.errorsOf('codeRanges') %>
<input type="text" id="codeRanges" name="codeRanges" value="<%= it.values.codeRanges %>" <%~ it.aria('codeRanges', true) %>>
</div>
<div class="field <%= it.invalid('keywords') %>">
<label for="keywords">Keywords</label>
<p class="hint" id="keywords-hint">Words or phrases found in titles and documents, separated by commas, e.g. telehealth, prior authorization.</p>
<%~ it.errorsOf('keywords') %>
<input type="text" id="keywords" name="keywords" value="<%= it.values.keywords %>" <%~ it.aria('keywords', true) %>>
</div>
</details>
`;
