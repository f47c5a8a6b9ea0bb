/** Every string in a JSON-shaped value, object keys included, collected without recursion. */
export function allStrings(v: unknown): string[] {
  const out: string[] = [];
  const stack = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x === "string") out.push(x);
    else if (Array.isArray(x)) stack.push(...x);
    else if (typeof x === "object" && x !== null) {
      for (const [k, y] of Object.entries(x)) {
        out.push(k);
        stack.push(y);
      }
    }
  }
  return out;
}
