import packageJson from "../../package.json" with { type: "json" };

/**
 * Publishers' firewalls treat anonymous clients as bots; a named agent with a contact URL is what
 * polite crawlers send, and lets a publisher's operator find us instead of blocking us.
 */
export const USER_AGENT = `codecurrent/${packageJson.version} (+https://github.com/codecurrent/codecurrent)`;
