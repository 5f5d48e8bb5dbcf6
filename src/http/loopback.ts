// Hosts whose traffic never leaves the machine: the only ones credentials may reach over http://.

/** 127.0.0.0/8, ::1 and localhost (URL.hostname, with or without IPv6 brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}
