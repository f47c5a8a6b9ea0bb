/**
 * The confirmation gate in front of every destructive call. Per call it uses the strongest
 * mechanism the client has:
 *
 * 1. **Input request** (a client that declared elicitation: 2026-07-28 `input_required`, or a
 *    2025-11-25 session/stdio connection, where the SDK turns it into `elicitation/create`): a
 *    human is asked; the retry carries the answer and our sealed `requestState`.
 * 2. **Token** (anyone else): the call returns a prompt with an HMAC token bound to the tool,
 *    every argument, the caller, an expiry and a nonce; the same call retried with
 *    `confirmation_token` runs once.
 *
 * Nothing switches the gate off. Any doubt — missing, tampered, expired or replayed state, a
 * decline, a cancel, an error — means "not performed" and no API call.
 *
 * @module
 */

import {
  type CallToolResult,
  inputRequired,
  type InputRequiredResult,
  inputResponse,
} from "@modelcontextprotocol/server";
import { z } from "zod";
import type { ConfirmationTarget } from "../tools/spec.ts";
import type { NonceLedger } from "./ledger.ts";
import { argumentsDigest, type Claim, type KeyRing, open, seal } from "./confirm_seal.ts";

/** The argument a retried call carries its token in. */
export const TOKEN_ARGUMENT = "confirmation_token";

/** The key of our input request in `inputRequests` / `inputResponses`. */
export const INPUT_KEY = "confirm";

const CONFIRM_SCHEMA = z.object({
  confirm: z.boolean().describe("Yes: perform this operation. It cannot be undone."),
});

/** One destructive call, as the gate sees it. */
export interface GatedCall {
  tool: string;
  /** The arguments without the token. */
  args: Record<string, unknown>;
  principal: string;
  /** The client declared elicitation, so a human can be asked. */
  canAsk: boolean;
  /** Raw `requestState` of a retried input request. */
  requestState?: string;
  /** `inputResponses` of a retried input request. */
  inputResponses?: Record<string, unknown>;
  /** `confirmation_token` of a retried call. */
  token?: string;
}

/** What the gate decided. */
export type GateDecision =
  | { kind: "proceed"; mechanism: Mechanism }
  | { kind: "ask"; mechanism: Mechanism; result: CallToolResult | InputRequiredResult }
  | { kind: "refuse"; mechanism: Mechanism; reason: string; result: CallToolResult };

/** Which mechanism a decision used. */
export type Mechanism = "elicitation" | "token";

/** Options of {@link ConfirmationGate}. */
export interface GateOptions {
  keys: KeyRing;
  ledger: NonceLedger;
  ttlMs: number;
  now?: () => number;
}

/** The human-readable sentence naming the target. */
export function describeTarget(target: ConfirmationTarget): string {
  const named = target.name ? ` "${target.name}"` : "";
  const id = target.id ? ` (id ${target.id})` : "";
  return `${target.operation} ${target.resourceType}${named}${id}`;
}

function notPerformed(tool: string, why: string): CallToolResult {
  return {
    content: [{ type: "text", text: `${tool} was NOT performed: ${why}. Nothing was changed.` }],
    isError: true,
  };
}

const REFUSAL_TEXT: Record<string, string> = {
  "missing-state": "the confirmation answer came without its request state",
  "missing-answer": "no confirmation answer was received",
  malformed: "the confirmation is malformed",
  forged: "the confirmation was not issued by this server",
  expired: "the confirmation has expired; call again to get a new one",
  "other-mechanism": "the confirmation was issued for another mechanism",
  "other-tool": "the confirmation was issued for another tool",
  "other-arguments": "the confirmation was issued for other arguments",
  "other-caller": "the confirmation was issued to another caller",
  replayed: "the confirmation has already been used",
  declined: "the user declined",
  cancelled: "the user cancelled",
};

/** Decides, per destructive call, whether it may run now. */
export class ConfirmationGate {
  readonly #options: GateOptions;
  readonly #now: () => number;

  constructor(options: GateOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Seconds a confirmation stays valid. */
  get ttlSeconds(): number {
    return Math.round(this.#options.ttlMs / 1000);
  }

  /** Runs the gate. `describe` is called only when a human must be asked. */
  async check(call: GatedCall, describe: () => Promise<ConfirmationTarget>): Promise<GateDecision> {
    return call.canAsk
      ? await this.#elicitation(call, describe)
      : await this.#token(call, describe);
  }

  async #claim(kind: Claim["kind"], call: GatedCall): Promise<{ sealed: string; exp: number }> {
    const exp = this.#now() + this.#options.ttlMs;
    const claim: Claim = {
      kind,
      tool: call.tool,
      args: await argumentsDigest(call.args),
      principal: call.principal,
      exp,
      nonce: crypto.randomUUID(),
    };
    return { sealed: await seal(this.#options.keys, claim), exp };
  }

  /** Opens a seal and spends its nonce; a refusal spends nothing. */
  async #redeem(kind: Claim["kind"], sealed: string, call: GatedCall): Promise<string | undefined> {
    const opened = await open(this.#options.keys, sealed, {
      kind,
      tool: call.tool,
      args: await argumentsDigest(call.args),
      principal: call.principal,
      now: this.#now(),
    });
    if (!opened.ok) return opened.reason;
    const fresh = await this.#options.ledger.consume(opened.claim.nonce, opened.claim.exp);
    return fresh ? undefined : "replayed";
  }

  async #elicitation(
    call: GatedCall,
    describe: () => Promise<ConfirmationTarget>,
  ): Promise<GateDecision> {
    const mechanism = "elicitation";
    const refuse = (reason: string): GateDecision => ({
      kind: "refuse",
      mechanism,
      reason,
      result: notPerformed(call.tool, REFUSAL_TEXT[reason] ?? reason),
    });
    if (call.requestState === undefined && call.inputResponses === undefined) {
      const target = await describe();
      const { sealed } = await this.#claim("state", call);
      const message = `${describeTarget(target)}?` +
        (target.detail ? `\n${target.detail}` : "") +
        "\nThis cannot be undone. Approve only if you asked for exactly this.";
      return {
        kind: "ask",
        mechanism,
        result: inputRequired({
          inputRequests: {
            [INPUT_KEY]: inputRequired.elicit({ message, requestedSchema: CONFIRM_SCHEMA }),
          },
          requestState: sealed,
        }),
      };
    }
    if (call.requestState === undefined) return refuse("missing-state");
    const answer = inputResponse(call.inputResponses, INPUT_KEY);
    if (answer.kind !== "elicit") return refuse("missing-answer");
    // The state is checked (and spent) before the answer is believed.
    const refusal = await this.#redeem("state", call.requestState, call);
    if (refusal) return refuse(refusal);
    if (answer.action === "decline") return refuse("declined");
    if (answer.action !== "accept" || answer.content?.confirm !== true) return refuse("cancelled");
    return { kind: "proceed", mechanism };
  }

  async #token(
    call: GatedCall,
    describe: () => Promise<ConfirmationTarget>,
  ): Promise<GateDecision> {
    const mechanism = "token";
    if (call.token === undefined) {
      const target = await describe();
      const { sealed, exp } = await this.#claim("token", call);
      const retry = { ...call.args, [TOKEN_ARGUMENT]: sealed };
      const text = [
        `CONFIRMATION REQUIRED: ${describeTarget(target)}.`,
        ...(target.detail ? [target.detail] : []),
        "This cannot be undone. It has NOT been performed.",
        "",
        "Show this to the user and ask them to approve it explicitly. Do not treat the original " +
        "request as consent, and do not retry on your own.",
        "",
        `If the user approves, call ${call.tool} again with exactly these arguments ` +
        `(valid for ${this.ttlSeconds} seconds, once):`,
        JSON.stringify(retry),
      ].join("\n");
      return {
        kind: "ask",
        mechanism,
        result: {
          content: [{ type: "text", text }],
          structuredContent: {
            confirmation_required: true,
            operation: describeTarget(target),
            expires_at: new Date(exp).toISOString(),
            retry_arguments: retry,
          },
        },
      };
    }
    const refusal = await this.#redeem("token", call.token, call);
    if (refusal) {
      return {
        kind: "refuse",
        mechanism,
        reason: refusal,
        result: notPerformed(call.tool, REFUSAL_TEXT[refusal] ?? refusal),
      };
    }
    return { kind: "proceed", mechanism };
  }
}
