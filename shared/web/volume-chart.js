// Change volume per source over time as inline SVG: no chart library, nothing fetched from a CDN.

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 900;
const HEIGHT = 280;
const MARGIN = { top: 16, right: 16, bottom: 40, left: 64 };
// Okabe–Ito: tells sources apart for readers with colour-vision deficiencies, too.
const COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

/** @param {string} tag @param {Record<string, string | number>} attributes */
function svg(tag, attributes = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/**
 * @param {HTMLElement} container
 * @param {{ sourceId: string, points: { version: string, effectiveDate: string, total: number, added: number, deleted: number, revised: number }[] }[]} series
 */
export function renderVolumeChart(container, series) {
  container.replaceChildren();
  const withData = series.filter((s) => s.points.length > 0);
  if (withData.length === 0) {
    container.textContent = "No releases with changes yet.";
    return;
  }
  const times = withData.flatMap((s) => s.points.map((p) => Date.parse(p.effectiveDate)));
  const padding = 45 * 86_400_000;
  const [t0, t1] = [Math.min(...times) - padding, Math.max(...times) + padding];
  const maxTotal = Math.max(...withData.flatMap((s) => s.points.map((p) => p.total)), 1);
  const niceMax = niceCeiling(maxTotal);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (/** @type {number} */ t) => MARGIN.left + ((t - t0) / (t1 - t0)) * plotWidth;
  const y = (/** @type {number} */ v) => MARGIN.top + plotHeight - (v / niceMax) * plotHeight;
  const barWidth = Math.max(6, Math.min(24, plotWidth / (times.length * 2 + 2)));

  const chart = svg("svg", {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: "img",
    "aria-labelledby": "volume-title volume-desc",
    class: "volume-chart",
  });
  const title = svg("title", { id: "volume-title" });
  title.textContent = "Changes per release and source";
  const desc = svg("desc", { id: "volume-desc" });
  desc.textContent = withData
    .map((s) => `${s.sourceId}: ${s.points.map((p) => `${p.version} ${p.total}`).join(", ")}`)
    .join("; ");
  chart.append(title, desc);

  for (let i = 0; i <= 4; i++) {
    const value = (niceMax / 4) * i;
    chart.append(
      svg("line", { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value), class: "grid" }),
    );
    const label = svg("text", { x: MARGIN.left - 8, y: y(value) + 4, "text-anchor": "end", class: "axis" });
    label.textContent = value.toLocaleString("en-US");
    chart.append(label);
  }
  for (let year = new Date(t0).getUTCFullYear() + 1; Date.UTC(year, 0, 1) <= t1; year++) {
    const at = x(Date.UTC(year, 0, 1));
    chart.append(
      svg("line", {
        x1: at,
        x2: at,
        y1: MARGIN.top + plotHeight,
        y2: MARGIN.top + plotHeight + 6,
        class: "tick",
      }),
    );
    const label = svg("text", { x: at, y: HEIGHT - 14, "text-anchor": "middle", class: "axis" });
    label.textContent = String(year);
    chart.append(label);
  }

  withData.forEach((s, index) => {
    const colour = COLOURS[index % COLOURS.length];
    const offset = (index - (withData.length - 1) / 2) * barWidth;
    for (const point of s.points) {
      const centre = x(Date.parse(point.effectiveDate)) + offset;
      const bar = svg("rect", {
        x: centre - barWidth / 2,
        y: y(point.total),
        width: barWidth,
        height: Math.max(1, MARGIN.top + plotHeight - y(point.total)),
        fill: colour,
        "data-source": s.sourceId,
      });
      const tip = svg("title");
      tip.textContent = `${s.sourceId} ${point.version} (effective ${point.effectiveDate}): ${point.total} changes — ${point.added} added, ${point.deleted} deleted, ${point.revised} revised codes`;
      bar.append(tip);
      chart.append(bar);
    }
  });
  chart.append(
    svg("line", {
      x1: MARGIN.left,
      x2: WIDTH - MARGIN.right,
      y1: MARGIN.top + plotHeight,
      y2: MARGIN.top + plotHeight,
      class: "axis-line",
    }),
  );

  const legend = document.createElement("ul");
  legend.className = "legend";
  withData.forEach((s, index) => {
    const item = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = COLOURS[index % COLOURS.length] ?? "#000";
    item.append(swatch, ` ${s.sourceId}`);
    legend.append(item);
  });
  container.append(chart, legend);
}

/** @param {number} value */
function niceCeiling(value) {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}
