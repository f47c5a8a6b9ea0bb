/**
 * A hand-written HTTP/1.1 request over a plain TCP socket, for headers `fetch` will not send as
 * given (a foreign `Host`, as in DNS rebinding).
 */

/** Sends `head` (request line and headers, without the blank line) and returns status and body. */
export async function rawRequest(
  origin: string,
  head: string,
  body = "",
): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(origin);
  const conn = await Deno.connect({ hostname, port: Number(port) });
  try {
    const bytes = new TextEncoder().encode(body);
    const request = `${head}\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`;
    await conn.write(new TextEncoder().encode(request));
    if (bytes.length) await conn.write(bytes);
    const text = await new Response(conn.readable).text();
    const status = Number(text.match(/^HTTP\/1\.1 (\d{3})/)?.[1] ?? 0);
    return { status, text };
  } catch (error) {
    conn.close();
    throw error;
  }
}
