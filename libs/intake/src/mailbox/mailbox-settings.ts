import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import YAML from 'yaml';

/**
 * Names where a mailbox setting comes from, for error messages a person can act on:
 * `the password of 市长信箱 in mailboxes.yaml (environment variable HUB_MAILBOX_MAYOR_PASSWORD)`.
 * Reads the YAML as written (before `${VAR}` is replaced) to find the variable's name.
 */
export function describeSetting(configDir: string | null, mailbox: string, field: string): string {
  const base = `${field} of ${mailbox} in mailboxes.yaml`;
  if (!configDir) return base;
  try {
    const path = join(configDir, 'mailboxes.yaml');
    if (!existsSync(path)) return base;
    const doc = YAML.parse(readFileSync(path, 'utf8')) as { mailboxes?: Array<Record<string, unknown>> } | null;
    const entry = doc?.mailboxes?.find((m) => m?.name === mailbox);
    const raw = entry?.[field];
    const vars = typeof raw === 'string' ? [...raw.matchAll(/\$\{([A-Z0-9_]+)\}/g)].map((m) => m[1]) : [];
    return vars.length ? `${base} (environment variable ${vars.join(', ')})` : base;
  } catch {
    return base;
  }
}
