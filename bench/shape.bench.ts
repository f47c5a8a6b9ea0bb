/**
 * What shaping a large list result costs next to serializing it: run with `deno task bench`;
 * Deno prints each case as a ratio to the `JSON.stringify` baseline, measured in the same run.
 */

import { shapeResult } from "../lib/tools/mod.ts";

function rule(i: number) {
  return {
    id: 10_000 + i,
    name: `Rule ${i}: block risky categories for branch ${i % 40}`,
    order: i + 1,
    rank: 7,
    state: i % 9 === 0 ? "DISABLED" : "ENABLED",
    action: ["ALLOW", "BLOCK", "CAUTION"][i % 3],
    protocols: ["HTTPS_RULE", "HTTP_RULE"],
    urlCategories: ["SOCIAL_NETWORKING", "STREAMING_MEDIA", `CUSTOM_${i % 50}`],
    description: "Managed by the network team; review quarterly.",
    locations: [{ id: 500 + (i % 40), name: `Branch ${i % 40}` }],
    groups: [{ id: 900 + (i % 12), name: `Group ${i % 12}` }],
    lastModifiedTime: 1_770_000_000 + i,
  };
}

const RULES = Array.from({ length: 5000 }, (_, i) => rule(i));
const QUERY = "[?state=='ENABLED'].{id: id, name: name, action: action}";

Deno.bench("JSON.stringify of 5,000 rules", { group: "list", baseline: true }, () => {
  JSON.stringify(RULES);
});

Deno.bench("shapeResult of 5,000 rules", { group: "list" }, () => {
  shapeResult({ data: RULES, list: true }, undefined);
});

Deno.bench("shapeResult with a JMESPath projection", { group: "list" }, () => {
  shapeResult({ data: RULES, list: true }, QUERY);
});
