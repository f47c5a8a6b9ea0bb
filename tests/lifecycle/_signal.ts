/**
 * Sends a signal with the permissions the test chooses: `deno run <flags> _signal.ts <pid> <signal>`
 * prints `true`/`false` (sent / already gone) or the error's name and message as JSON.
 */

import { sendSignal } from "../../lib/lifecycle/control.ts";
import { ProcessCheckError } from "../../lib/lifecycle/errors.ts";

try {
  console.log(JSON.stringify(await sendSignal(Number(Deno.args[0]), Deno.args[1] as Deno.Signal)));
} catch (error) {
  if (!(error instanceof ProcessCheckError)) throw error;
  console.log(
    JSON.stringify({ error: error.name, permission: error.permission, message: error.message }),
  );
}
