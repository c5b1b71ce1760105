// Escaping for text placed in HTML, and for JSON and scripts placed inside <script> elements.

/** Text or an attribute value as HTML; a carriage return is a reference, since parsing turns a raw one into a line feed. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;")
    .replaceAll("\r", "&#13;");
}

/** JSON that cannot close its <script> element or open a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll("<", "\\u003c").replaceAll("\u2028", "\\u2028").replaceAll("\u2029", "\\u2029");
}

/** Inline script text: `</script` cannot end the element early (`<\/` means `</` in JavaScript). */
export function scriptText(code: string): string {
  return code.replace(/<\/(script)/gi, "<\\/$1");
}
