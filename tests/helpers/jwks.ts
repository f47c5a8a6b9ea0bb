/** A JWKS endpoint on loopback that the test controls, and tokens signed for it. */

import { exportJWK, generateKeyPair, SignJWT } from "jose";

/** A JWKS endpoint on loopback that the test controls. */
export async function startJwks() {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const other = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  let fetches = 0;
  let down = false;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, () => {
    fetches++;
    if (down) return new Response("unavailable", { status: 503 });
    return Response.json({ keys: [jwk] });
  });
  const uri = `http://127.0.0.1:${server.addr.port}/jwks`;
  const sign = (claims: Record<string, unknown>, options: { kid?: string; key?: CryptoKey } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: options.kid ?? "k1" })
      .sign(options.key ?? privateKey);
  return {
    uri,
    sign,
    otherKey: other.privateKey,
    publicJwk: jwk,
    fetches: () => fetches,
    setDown: (value: boolean) => down = value,
    close: () => server.shutdown(),
  };
}
