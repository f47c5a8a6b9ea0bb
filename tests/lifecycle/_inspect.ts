/**
 * Runs the real process inspection for a test with the permissions the test chooses:
 * `deno run <flags> _inspect.ts '<record json>'` prints the {@link inspectProcess} result, or the
 * error it threw, as JSON.
 */

import { ProcessCheckError } from "../../lib/lifecycle/errors.ts";
import { inspectProcess } from "../../lib/lifecycle/identity.ts";

try {
  console.log(JSON.stringify(await inspectProcess(JSON.parse(Deno.args[0]))));
} catch (error) {
  if (!(error instanceof ProcessCheckError)) throw error;
  console.log(
    JSON.stringify({ error: error.name, permission: error.permission, message: error.message }),
  );
}
