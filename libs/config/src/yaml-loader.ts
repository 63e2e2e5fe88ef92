import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import YAML from 'yaml';
import { ConfigError } from './config-error';

type Ctor<T> = new () => T;

/** Replaces `${VAR}` in every string with the environment's value (passwords stay out of files). */
export function interpolateEnv(value: unknown, env: NodeJS.ProcessEnv, where: string, problems: string[]): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Z0-9_]+)\}/g, (_, name: string) => {
      const v = env[name];
      if (v === undefined) {
        problems.push(`${where} uses \${${name}} but the environment variable ${name} is not set`);
        return '';
      }
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateEnv(v, env, `${where}[${i}]`, problems));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolateEnv(v, env, where.endsWith(': ') ? `${where}${k}` : `${where}.${k}`, problems)]),
    );
  }
  return value;
}

function flatten(errors: ValidationError[], path: string, out: string[]): void {
  for (const e of errors) {
    const here = /^\d+$/.test(e.property) ? `${path}[${e.property}]` : path ? `${path}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) {
      out.push(`${here}: ${message.replace(new RegExp(`^${e.property} `), '')} (got ${JSON.stringify(e.value)})`);
    }
    if (e.children?.length) flatten(e.children, here, out);
  }
}

/**
 * Reads one YAML file of the config dir into a validated DTO. A missing optional file gives the
 * DTO's defaults; every problem is reported with the file and the setting's path.
 */
export function loadYamlFile<T extends object>(dir: string, file: string, dto: Ctor<T>, env: NodeJS.ProcessEnv, problems: string[], optional = true): T {
  const path = join(dir, file);
  let raw: unknown = {};
  if (existsSync(path)) {
    try {
      raw = YAML.parse(readFileSync(path, 'utf8')) ?? {};
    } catch (e) {
      problems.push(`${file}: not valid YAML (${(e as Error).message.split('\n')[0]})`);
      return new dto();
    }
  } else if (!optional) {
    problems.push(`${file}: missing from HUB_CONFIG_DIR (${dir})`);
    return new dto();
  }
  const interpolated = interpolateEnv(raw, env, `${file}: `, problems);
  const instance = plainToInstance(dto, interpolated, { exposeDefaultValues: true });
  const errors = validateSync(instance as object, { whitelist: true, forbidNonWhitelisted: true });
  const out: string[] = [];
  flatten(errors, '', out);
  for (const p of out) problems.push(`${file}: ${p}`);
  return instance;
}

export { ConfigError };
