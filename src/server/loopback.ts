// Loopback addresses, for the bind warning and for the Host check that keeps other web sites
// from reading the API through DNS rebinding while the server listens only locally.

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** The host name of a Host header (`127.0.0.1:4178`, `[::1]:4178`, `localhost`). */
export function hostOfHeader(header: string | undefined): string {
  if (!header) return "";
  const bracketed = /^\[([^\]]*)\]/.exec(header);
  if (bracketed) return bracketed[1] ?? "";
  return header.split(":")[0] ?? "";
}
