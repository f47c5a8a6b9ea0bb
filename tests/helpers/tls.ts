/** Self-signed TLS material made by the test with openssl, for localhost and 127.0.0.1. */

import { SCRATCH } from "./server_process.ts";

/** Paths and text of a fresh certificate and key (plus an encrypted copy of the key). */
export interface TestCertificate {
  certFile: string;
  keyFile: string;
  encryptedKeyFile: string;
  password: string;
  /** The CA certificate clients trust (PEM). */
  cert: string;
}

async function openssl(args: string[]): Promise<void> {
  const { code, stderr } = await new Deno.Command("openssl", { args, stderr: "piped" }).output();
  if (code !== 0) throw new Error(`openssl ${args[0]} failed: ${new TextDecoder().decode(stderr)}`);
}

/**
 * Generates a one-day test CA and a server certificate it signs for localhost, 127.0.0.1 and ::1
 * (TLS clients refuse a CA certificate used as the server's own).
 */
export async function makeCertificate(): Promise<TestCertificate> {
  const dir = Deno.makeTempDirSync({ dir: SCRATCH });
  const caKey = `${dir}/ca.key.pem`;
  const caFile = `${dir}/ca.pem`;
  const csrFile = `${dir}/server.csr`;
  const extFile = `${dir}/server.ext`;
  const certFile = `${dir}/cert.pem`;
  const keyFile = `${dir}/key.pem`;
  const encryptedKeyFile = `${dir}/key.enc.pem`;
  const password = crypto.randomUUID();
  const days = ["-days", "1"];
  await openssl([
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    caKey,
    "-out",
    caFile,
    ...days,
    "-subj",
    "/CN=zscaler-mcp test CA",
  ]);
  await openssl([
    "req",
    "-new",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    keyFile,
    "-out",
    csrFile,
    "-subj",
    "/CN=localhost",
  ]);
  Deno.writeTextFileSync(
    extFile,
    "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n" +
      "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n",
  );
  await openssl([
    "x509",
    "-req",
    "-in",
    csrFile,
    "-CA",
    caFile,
    "-CAkey",
    caKey,
    "-CAcreateserial",
    "-out",
    certFile,
    ...days,
    "-extfile",
    extFile,
  ]);
  await openssl([
    "pkcs8",
    "-topk8",
    "-in",
    keyFile,
    "-out",
    encryptedKeyFile,
    "-v2",
    "aes-256-cbc",
    "-passout",
    `pass:${password}`,
  ]);
  return { certFile, keyFile, encryptedKeyFile, password, cert: Deno.readTextFileSync(caFile) };
}
