/**
 * Validation of the client's numeric options.
 *
 * @module
 */

import { ZscalerConfigError } from "./errors.ts";

/** A positive finite number, or `fallback` when undefined. @throws {ZscalerConfigError} */
export function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new ZscalerConfigError(`${name} must be a positive number`);
  }
  return value;
}

/** A finite number ≥ 0, or `fallback` when undefined. @throws {ZscalerConfigError} */
export function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new ZscalerConfigError(`${name} must be a non-negative number`);
  }
  return value;
}

/** An integer ≥ 0, or `fallback` when undefined. @throws {ZscalerConfigError} */
export function nonNegativeInt(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new ZscalerConfigError(`${name} must be a non-negative integer`);
  }
  return value;
}
