// Who is signed in. Locally: the bearer token `npm start` printed. In AWS: a Cognito access
// token from the hosted UI (authorization code flow with PKCE: a public client, no secret in
// the page). Tokens live in sessionStorage, so closing the tab signs out.

const TOKEN_KEY = "codecurrent.token";
const PKCE_KEY = "codecurrent.pkce";

/** @typedef {{ mode: "local" } | { mode: "cognito", domain: string, clientId: string, redirectUri: string }} AuthConfig */

/** @param {AuthConfig} auth */
export function createSession(auth) {
  return {
    auth,
    token: () => sessionStorage.getItem(TOKEN_KEY) ?? undefined,
    /** Picks up a token arriving in the address (local `#token=`, or Cognito's `?code=`). */
    async begin() {
      const fragment = new URLSearchParams(location.hash.slice(1));
      const fromFragment = fragment.get("token");
      if (fromFragment) {
        sessionStorage.setItem(TOKEN_KEY, fromFragment);
        // Out of the address bar and history: a token must not be bookmarked or shared by accident.
        history.replaceState(null, "", location.pathname + location.search);
      }
      const query = new URLSearchParams(location.search);
      if (auth.mode === "cognito" && query.get("code")) await finishCognitoSignIn(auth, query);
    },
    /** @param {string} token */
    useToken(token) {
      sessionStorage.setItem(TOKEN_KEY, token);
    },
    async startCognitoSignIn() {
      if (auth.mode !== "cognito") return;
      const verifier = randomText(48);
      const state = randomText(24);
      sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
      const url = new URL("/oauth2/authorize", auth.domain);
      url.search = new URLSearchParams({
        response_type: "code",
        client_id: auth.clientId,
        redirect_uri: auth.redirectUri,
        scope: "openid email",
        state,
        code_challenge_method: "S256",
        code_challenge: await sha256Base64Url(verifier),
      }).toString();
      location.assign(url.toString());
    },
    signOut() {
      sessionStorage.removeItem(TOKEN_KEY);
      if (auth.mode === "cognito") {
        const url = new URL("/logout", auth.domain);
        url.search = new URLSearchParams({
          client_id: auth.clientId,
          logout_uri: auth.redirectUri,
        }).toString();
        location.assign(url.toString());
      } else {
        location.reload();
      }
    },
  };
}

/** @param {{ domain: string, clientId: string, redirectUri: string }} auth @param {URLSearchParams} query */
async function finishCognitoSignIn(auth, query) {
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? "null");
  sessionStorage.removeItem(PKCE_KEY);
  history.replaceState(null, "", location.pathname);
  // A callback this tab did not start (or a replayed one) is ignored.
  if (!saved || saved.state !== query.get("state")) return;
  const response = await fetch(new URL("/oauth2/token", auth.domain), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: auth.clientId,
      code: query.get("code") ?? "",
      redirect_uri: auth.redirectUri,
      code_verifier: saved.verifier,
    }),
  });
  if (!response.ok) throw new Error(`sign-in failed (${response.status})`);
  const tokens = await response.json();
  sessionStorage.setItem(TOKEN_KEY, tokens.access_token);
}

/** @param {number} bytes */
function randomText(bytes) {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** @param {string} text */
async function sha256Base64Url(text) {
  return base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}

/** @param {Uint8Array} bytes */
function base64Url(bytes) {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}
