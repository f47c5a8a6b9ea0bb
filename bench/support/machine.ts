/** The machine a bench ran on, and the header every bench script prints. */

/** CPU count, model and memory as Linux reports them (fields are "unknown" elsewhere). */
export function machine(): { cpus: string; model: string; memory: string; deno: string } {
  const read = (path: string) => {
    try {
      return Deno.readTextFileSync(path);
    } catch {
      return "";
    }
  };
  const cpuinfo = read("/proc/cpuinfo");
  const model = cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim() ?? "unknown";
  const cpus = String(navigator.hardwareConcurrency ?? "unknown");
  const memKb = Number(read("/proc/meminfo").match(/^MemTotal:\s+(\d+)/m)?.[1] ?? NaN);
  const memory = Number.isFinite(memKb) ? `${(memKb / 1024 / 1024).toFixed(1)} GiB` : "unknown";
  return { cpus, model, memory, deno: `${Deno.version.deno} (V8 ${Deno.version.v8})` };
}

/** The 1-, 5- and 15-minute load averages (other work on the machine skews every figure). */
export function loadAverage(): string {
  try {
    return Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}

/** Prints the title of a bench with the machine, date and command. */
export function printHeader(title: string): void {
  const m = machine();
  console.log(`\n=== ${title} ===`);
  console.log(
    `machine: ${m.cpus} CPUs (nproc), ${m.model}, ${m.memory} RAM; deno ${m.deno}; ` +
      `${Deno.build.os}/${Deno.build.arch}`,
  );
  console.log(`date:    ${new Date().toISOString()}; load average ${loadAverage()}`);
  console.log("command: deno task bench");
}
