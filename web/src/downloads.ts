// The one place a report becomes a file to save: a link to the API's CSV or HTML rendering of the
// same query (`/api/report/<name>.csv?…`), which the server sends as an attachment. The view head's
// links and the deals view's "Download CSV" button are both made here; and the chart a view draws,
// serialized from the page as SVG, or drawn through a canvas as PNG.
import { reportUrl, type Query } from "./api.js";
import { h } from "./dom.js";

export function csvLink(name: string, query: Query, label = `CSV · ${name}`, id?: string): HTMLAnchorElement {
  return h("a", { href: reportUrl(name, query, "csv"), download: "", class: "dl csv", "data-report": name, id: id ?? null }, label);
}

function htmlLink(name: string, query: Query, label = `HTML report · ${name}`): HTMLAnchorElement {
  return h("a", { href: reportUrl(name, query, "html"), download: "", class: "dl html", "data-report": name }, label);
}

/** A loaded report's downloads in the view head: its CSV and its HTML report. */
export const downloadLinks = (name: string, query: Query): HTMLElement[] => [csvLink(name, query), htmlLink(name, query)];

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * The view's charts as one standalone SVG: every Plot SVG in the view's figures (legends included)
 * stacked top to bottom under the view's title, each keeping its own <style> and defs. Null when the
 * view draws no chart.
 */
function chartsSvg(body: Element, title: string): { svg: string; width: number; height: number } | null {
  const parts = [...body.querySelectorAll(`figure.chart svg, figure.chart ${SWATCHES}, figure.chart h4.facet`)].flatMap((el) => {
    if (el.parentElement?.closest(`svg, ${SWATCHES}`)) return [];
    if (el instanceof SVGSVGElement) return [el];
    return [el.matches(SWATCHES) ? swatchesSvg(el) : titleSvg(el.textContent ?? "")];
  });
  if (!parts.length) return null;
  const sizes = parts.map((svg) => {
    const box = svg.getBoundingClientRect();
    return { width: Number(svg.getAttribute("width")) || box.width, height: Number(svg.getAttribute("height")) || box.height };
  });
  const pad = 12;
  const head = 28;
  const width = Math.ceil(Math.max(...sizes.map((s) => s.width)) + 2 * pad);
  const out = document.createElementNS(SVG_NS, "svg");
  out.setAttribute("xmlns", SVG_NS);
  out.setAttribute("font-family", "system-ui, -apple-system, 'Segoe UI', sans-serif");
  out.setAttribute("font-size", "12");
  const background = document.createElementNS(SVG_NS, "rect");
  background.setAttribute("fill", "#fff");
  background.setAttribute("width", "100%");
  background.setAttribute("height", "100%");
  const heading = document.createElementNS(SVG_NS, "text");
  heading.setAttribute("x", String(pad));
  heading.setAttribute("y", String(pad + 14));
  heading.setAttribute("font-size", "15");
  heading.setAttribute("font-weight", "600");
  heading.textContent = title;
  out.append(background, heading);
  let y = pad + head;
  parts.forEach((svg, i) => {
    const copy = svg.cloneNode(true) as SVGSVGElement;
    const size = sizes[i] ?? { width: 0, height: 0 };
    copy.setAttribute("x", String(pad));
    copy.setAttribute("y", String(y));
    copy.setAttribute("width", String(size.width));
    copy.setAttribute("height", String(size.height));
    out.append(copy);
    y += size.height + pad;
  });
  const height = Math.ceil(y);
  out.setAttribute("width", String(width));
  out.setAttribute("height", String(height));
  out.setAttribute("viewBox", `0 0 ${width} ${height}`);
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(out)}\n`, width, height };
}

/** Plot's categorical legend: HTML, a swatch (a small SVG and a name) per entry. */
const SWATCHES = "[class*='-swatches']";

/** A small-multiple's title (its segment) as SVG text. */
function titleSvg(text: string): SVGSVGElement {
  const out = document.createElementNS(SVG_NS, "svg");
  const label = document.createElementNS(SVG_NS, "text");
  label.setAttribute("y", "16");
  label.setAttribute("font-weight", "600");
  label.setAttribute("font-size", "13");
  label.textContent = text;
  out.append(label);
  out.setAttribute("width", String(text.length * 8 + 10));
  out.setAttribute("height", "22");
  return out;
}

/** A categorical legend (Plot draws it as HTML swatches) redrawn as SVG: a coloured square and its name per entry. */
function swatchesSvg(legend: Element): SVGSVGElement {
  const out = document.createElementNS(SVG_NS, "svg");
  let x = 0;
  for (const swatch of legend.querySelectorAll("[class*='-swatch']:not([class*='-swatches'])")) {
    const fill = swatch.querySelector("svg [fill]")?.getAttribute("fill") ?? swatch.querySelector("svg")?.getAttribute("fill") ?? "#999";
    const rect = document.createElementNS(SVG_NS, "rect");
    Object.entries({ x, y: 4, width: 12, height: 12, fill }).forEach(([k, v]) => rect.setAttribute(k, String(v)));
    const text = document.createElementNS(SVG_NS, "text");
    Object.entries({ x: x + 16, y: 14 }).forEach(([k, v]) => text.setAttribute(k, String(v)));
    text.textContent = swatch.textContent ?? "";
    out.append(rect, text);
    x += 16 + (swatch.textContent?.length ?? 0) * 7 + 14;
  }
  out.setAttribute("width", String(Math.max(x, 1)));
  out.setAttribute("height", "20");
  return out;
}

/** Saves a blob under `name` through a temporary link (the browser's download, as for the CSV). */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The SVG drawn on a canvas at twice its size (sharp on high-density screens), as PNG. The image
 * loads from a data: URL: the server's Content-Security-Policy allows images from itself and data:
 * only, not blob:.
 */
async function pngOf(svg: string, width: number, height: number): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const scale = 2;
  const canvas = h("canvas", { width: width * scale, height: height * scale });
  const context = canvas.getContext("2d");
  if (!context) throw new Error("no 2D canvas");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the canvas gave no PNG"))), "image/png"),
  );
}

/** The view's chart as SVG and as PNG (buttons: the file is made when asked, from what is on screen); none without a chart. */
export function chartDownloads(body: Element, title: string, fileStem: string): HTMLElement[] {
  if (!body.querySelector("figure.chart svg")) return [];
  const svgButton = h(
    "button",
    {
      type: "button",
      class: "dl svg",
      id: "dl-svg",
      onclick: () => {
        const chart = chartsSvg(body, title);
        if (chart) save(new Blob([chart.svg], { type: "image/svg+xml" }), `${fileStem}.svg`);
      },
    },
    "SVG · chart",
  );
  const pngButton = h(
    "button",
    {
      type: "button",
      class: "dl png",
      id: "dl-png",
      onclick: () => {
        const chart = chartsSvg(body, title);
        if (chart) void pngOf(chart.svg, chart.width, chart.height).then((png) => save(png, `${fileStem}.png`));
      },
    },
    "PNG · chart",
  );
  return [svgButton, pngButton];
}
