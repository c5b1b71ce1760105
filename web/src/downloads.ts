// The one place a report becomes a file to save: a link to the API's CSV or HTML rendering of the
// same query (`/api/report/<name>.csv?…`), which the server sends as an attachment. The view head's
// links and the deals view's "Download CSV" button are both made here.
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
