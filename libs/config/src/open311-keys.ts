/**
 * HUB_OPEN311_KEYS: `key=client name` pairs, comma-separated, each key an Open311 `api_key` a
 * civic app may file requests with (its name becomes the requests' source, `Open311 <name>`).
 */
export function parseOpen311Keys(raw: string | undefined, problems: string[]): Map<string, string> {
  const keys = new Map<string, string>();
  const parts = (raw ?? '').split(',').map((p) => p.trim());
  for (const [i, part] of parts.entries()) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq > 0 ? part.slice(0, eq).trim() : '';
    const name = eq > 0 ? part.slice(eq + 1).trim() : '';
    if (!/^[A-Za-z0-9._~-]{16,128}$/.test(key) || !name || name.length > 60) {
      problems.push(
        `HUB_OPEN311_KEYS must be key=client name pairs separated by commas, each key 16-128 letters, digits or . _ ~ - and each name 1-60 characters (pair ${i + 1} is not; keys are not repeated here)`,
      );
      continue;
    }
    if (keys.has(key)) problems.push(`HUB_OPEN311_KEYS names the key of ${name} twice`);
    keys.set(key, name);
  }
  return keys;
}
