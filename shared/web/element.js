// Builds DOM nodes from data. Text always goes in as text nodes, never as HTML: change titles
// come from publishers' files and must not be able to inject markup into the page.

/**
 * @param {string} tag
 * @param {Record<string, string | boolean | ((event: Event) => void)>} [attributes]
 * @param {...(Node | string | undefined | false)} children
 */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === "function") node.addEventListener(name.replace(/^on/, ""), value);
    else if (value === true) node.setAttribute(name, "");
    else if (value !== false) node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== undefined && child !== false) node.append(child);
  }
  return node;
}

/** @param {string | undefined} iso */
export function formatInstant(iso) {
  if (!iso) return "—";
  return iso.replace("T", " ").replace(/:\d{2}(\.\d+)?Z$/, " UTC");
}
