/**
 * Helpers shared by the ZPA seed files: deterministic timestamps, the seed admin, and
 * placeholder PEM blocks that are obviously not real key material.
 *
 * @module
 */

import { DEFAULT_CUSTOMER_ID } from "./options.ts";
import { SEED_EPOCH, SEED_ZPA_ADMIN_ID } from "./seed.ts";

/** Epoch seconds, as a string, `hours` after the seed epoch. */
export function seedTime(hours: number): string {
  return String(SEED_EPOCH + hours * 3600);
}

/** `creationTime`, `modifiedTime` and `modifiedBy` of a seeded object. */
export function zpaSeedMeta(
  hours: number,
): { creationTime: string; modifiedTime: string; modifiedBy: string } {
  return {
    creationTime: seedTime(hours),
    modifiedTime: seedTime(hours),
    modifiedBy: SEED_ZPA_ADMIN_ID,
  };
}

/** The customer id the seed's derived names (certificate CNs, portal CNAMEs) use. */
export const SEED_CUSTOMER_ID = DEFAULT_CUSTOMER_ID;

/** A PEM block whose body says it is simulated; never real key material. */
export function fakePem(
  kind: "CERTIFICATE" | "CERTIFICATE REQUEST" | "PUBLIC KEY",
  label: string,
): string {
  const body = btoa(`SIMULATED ${kind} FOR ${label} - NOT REAL KEY MATERIAL`);
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${kind}-----\n${lines.join("\n")}\n-----END ${kind}-----\n`;
}
