/**
 * Loopback addresses: the only place an unauthenticated, unencrypted listener is acceptable.
 *
 * @module
 */

/** True for 127.0.0.0/8, ::1 and localhost (brackets allowed). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}
