import { createHash } from "node:crypto";

/**
 * The look of every subscription page: mobile first (one column, 16 px text, 44 px touch targets),
 * visible focus, high contrast in light and dark mode, and nothing but HTML and this stylesheet:
 * the pages work without JavaScript, and the content security policy allows no script at all.
 */
export const PAGE_CSS = `
*,*::before,*::after{box-sizing:border-box}
:root{color-scheme:light dark;--ink:#111827;--muted:#4b5563;--paper:#ffffff;--tint:#f3f4f6;--line:#d1d5db;--brand:#0f4c81;--brand-ink:#ffffff;--error:#b91c1c;--ok:#166534;--ok-tint:#dcfce7;--warn-tint:#fef3c7;--focus:#f59e0b}
@media (prefers-color-scheme:dark){:root{--ink:#f3f4f6;--muted:#d1d5db;--paper:#111827;--tint:#1f2937;--line:#4b5563;--brand:#93c5fd;--brand-ink:#111827;--error:#fca5a5;--ok:#bbf7d0;--ok-tint:#14532d;--warn-tint:#422006}}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--paper);color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;overflow-wrap:anywhere}
a{color:var(--brand)}
a:focus,button:focus,input:focus,select:focus,textarea:focus,[tabindex]:focus{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--paper);color:var(--ink);padding:8px}
.skip:focus{left:8px;z-index:1}
header.site,footer.site{background:var(--tint);color:var(--ink);padding:12px 16px}
header.site a{font-weight:700;font-size:1.15rem;text-decoration:none;color:var(--ink)}
footer.site{font-size:.85rem;color:var(--muted);margin-top:32px}
main{display:block;max-width:42rem;margin:0 auto;padding:16px}
h1{font-size:1.6rem;line-height:1.25;margin:8px 0 16px}
h2{font-size:1.25rem;margin:28px 0 8px}
h3{font-size:1.05rem;margin:20px 0 6px}
p,ul,ol{margin:0 0 12px}
fieldset{border:1px solid var(--line);border-radius:6px;margin:0 0 20px;padding:12px 14px}
legend{font-weight:700;padding:0 4px}
label{display:block;font-weight:600;margin:0 0 4px}
.hint{color:var(--muted);font-size:.95rem;margin:0 0 6px}
.field{margin:0 0 18px}
input[type=text],input[type=email],input[type=date],input[type=number],select,textarea{display:block;width:100%;max-width:100%;min-height:44px;padding:8px 10px;font:inherit;color:var(--ink);background:var(--paper);border:2px solid var(--line);border-radius:4px}
textarea{min-height:8rem}
input[type=file]{font:inherit;max-width:100%}
.choice{display:flex;align-items:flex-start;gap:10px;margin:0 0 8px;font-weight:400}
.choice input{width:22px;height:22px;margin:2px 0 0;flex:none}
.choices-2{display:grid;grid-template-columns:1fr;gap:0 16px}
@media (min-width:36rem){.choices-2{grid-template-columns:1fr 1fr}}
.row{display:grid;grid-template-columns:1fr;gap:8px}
@media (min-width:30rem){.row{grid-template-columns:1fr 1fr}}
button,.button{display:inline-block;min-height:44px;padding:10px 20px;font:inherit;font-weight:700;border:2px solid var(--brand);border-radius:4px;background:var(--brand);color:var(--brand-ink);cursor:pointer;text-decoration:none}
button.secondary{background:var(--paper);color:var(--brand)}
button.link{background:none;border:none;color:var(--brand);text-decoration:underline;padding:0;min-height:0;font-weight:400}
.error-summary{border:3px solid var(--error);border-radius:6px;padding:12px 16px;margin:0 0 20px;background:var(--paper);color:var(--ink)}
.error-summary h2{margin-top:0;color:var(--error)}
.field-error{color:var(--error);font-weight:700;margin:0 0 6px}
.invalid input,.invalid select,.invalid textarea{border-color:var(--error)}
.notice{border-left:6px solid var(--ok);background:var(--ok-tint);color:var(--ink);padding:10px 14px;margin:0 0 20px}
.warning{border-left:6px solid var(--focus);background:var(--warn-tint);color:var(--ink);padding:10px 14px;margin:0 0 20px}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
table{width:100%;border-collapse:collapse;margin:0 0 16px}
th,td{text-align:left;vertical-align:top;padding:8px 6px;border-bottom:1px solid var(--line)}
.num{text-align:right;white-space:nowrap}
.date,button.link{white-space:nowrap}
.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:700}
.item{border-bottom:1px solid var(--line);padding:10px 0}
.item p{margin:2px 0}
.meta{color:var(--muted);font-size:.9rem}
.tag{display:inline-block;font-size:.8rem;padding:0 6px;border-radius:3px;background:var(--tint);color:var(--ink);border:1px solid var(--line)}
.nav{display:flex;flex-wrap:wrap;gap:8px 16px;margin:0 0 16px;padding:0;list-style:none}
`;

/** The content security policy of every page: this stylesheet, forms posting back, nothing else. */
export const PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash("sha256").update(PAGE_CSS).digest("base64")}'; img-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

/**
 * The page frame, an Eta layout (`<% layout("@page", {...}) %>`): data `title`, `home` (the
 * sign-up page), optional `error` (prefixes the title, as screen readers announce it first) and
 * the page's output as `body`.
 */
export const PAGE_LAYOUT = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><meta name="referrer" content="no-referrer"><meta name="robots" content="noindex"><title><%= it.error ? "Error: " : "" %><%= it.title %> – codecurrent</title><style>${PAGE_CSS}</style></head>
<body><a class="skip" href="#main">Skip to main content</a>
<header class="site"><a href="<%= it.home %>">codecurrent</a></header>
<main id="main" tabindex="-1">
<%~ it.body %>
</main>
<footer class="site"><p>codecurrent emails coders the code-set and regulatory changes that touch their codes. CPT® is a registered trademark of the American Medical Association; CPT codes are shown by number only.</p></footer>
</body></html>
`;

/**
 * The error summary every form page opens with when a submission is refused: focused on load
 * (`autofocus`, no script), each message a link to its field.
 */
export const ERROR_SUMMARY = `<% if (it.errors && it.errors.length > 0) { %>
<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
<h2 id="error-summary-title">There is a problem</h2>
<ul><% for (const error of it.errors) { %><li><a href="#<%= error.field %>"><%= error.message %></a></li><% } %></ul>
</div>
<% } %>`;
