/**
 * The recorded Zscaler endpoints (tests/fixtures/endpoints.tsv: the reference server's calls;
 * sdk-endpoints.txt: the SDK's) as method + path templates, and the parsing of a ToolSpec's
 * `request` line. Tool requests are checked against these recorded facts, never against the
 * simulator's own routes.
 */

/** Known base-path placeholders of the recorded files. */
const BASES: Readonly<Record<string, string>> = {
  "{self._zia_base_endpoint}": "/zia/api/v1",
  "{self._zpa_base_endpoint}": "/zpa/mgmtconfig/v1/admin/customers/{customerId}",
  "{self._zpa_base_endpoint_v1}": "/zpa/mgmtconfig/v1/admin/customers/{customerId}",
  "{self._zpa_base_endpoint_v2}": "/zpa/mgmtconfig/v2/admin/customers/{customerId}",
  "{self._zpa_base_endpoint_userconfig}": "/zpa/userconfig/v1/customers/{customerId}",
  "{self._cbi_base_endpoint}": "/zpa/cbiconfig/cbi/api/customers/{customerId}",
};

/** One recorded endpoint: method and path template (`{…}` for path values). */
export interface EndpointTemplate {
  method: string;
  /** The path with its base expanded, or only its tail when the base is not recorded. */
  path: string;
  /** False when the base placeholder is not recorded (the tail is matched as a suffix). */
  anchored: boolean;
  source: string;
}

/** Every `{name}` becomes `{}` and a query string is dropped, so templates compare by shape. */
export function normalizePath(path: string): string {
  return path.split("?")[0].replace(/\{[^}]*\}/g, "{}").replace(/\/+$/, "");
}

function expand(raw: string, method: string, source: string): EndpointTemplate | undefined {
  const match = /^(\{self\.[A-Za-z0-9_]+\})(\/.*)?$/.exec(raw.trim());
  if (!match) return undefined;
  const base = BASES[match[1]];
  const tail = match[2] ?? "";
  return base === undefined
    ? { method, path: normalizePath(tail), anchored: false, source }
    : { method, path: normalizePath(base + tail), anchored: true, source };
}

/** Reads both fixture files into templates (only ZIA and ZPA lines). */
export async function recordedEndpoints(): Promise<EndpointTemplate[]> {
  const out: EndpointTemplate[] = [];
  for (const file of ["endpoints.tsv", "sdk-endpoints.txt"]) {
    const text = await Deno.readTextFile(new URL(`../fixtures/${file}`, import.meta.url));
    for (const line of text.split("\n")) {
      if (line.startsWith("#") || line.trim() === "") continue;
      const cols = line.split("\t");
      if (cols.length < 4 || !/^(zia|zpa)[./]/.test(cols[0])) continue;
      const method = cols[2].toUpperCase();
      for (const alternative of cols[3].split(" | ")) {
        // A path may be followed by a note in parentheses: keep the path only.
        const path = alternative.trim().split(/\s+/)[0];
        const template = expand(path, method, `${file}: ${cols[0]} ${cols[1]}`);
        if (template) out.push(template);
      }
    }
  }
  return out;
}

/** One step of a spec's `request`: `GET /zia/api/v1/x/{id}`. */
export interface RequestStep {
  method: string;
  path: string;
}

/** Splits `request` (`A, B, then C`) into its steps. */
export function requestSteps(request: string): RequestStep[] {
  return request.split(/,\s*(?:then\s+)?|\s+then\s+/).map((part) => {
    const [method, path, ...rest] = part.trim().split(/\s+/);
    if (!method || !path || rest.length > 0 || !/^[A-Z]+$/.test(method) || !path.startsWith("/")) {
      throw new Error(
        `malformed request step ${JSON.stringify(part)} in ${JSON.stringify(request)}`,
      );
    }
    return { method, path };
  });
}

/** Whether a step is a recorded endpoint. */
export function isRecorded(step: RequestStep, templates: readonly EndpointTemplate[]): boolean {
  const path = normalizePath(step.path);
  return templates.some((t) =>
    t.method === step.method && (t.anchored ? t.path === path : path.endsWith(t.path))
  );
}

/** A regular expression matching concrete paths of a template path (`{x}` = one segment). */
export function stepPattern(path: string): RegExp {
  const source = path.split("?")[0].split(/\{[^}]*\}/).map((part) =>
    part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")
  ).join("[^/]+");
  return new RegExp(`^${source}/?$`);
}
