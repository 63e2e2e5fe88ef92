/** A configuration problem, worded for the person who has to fix it: it names the setting. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_ERROR';
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? `configuration: ${problems[0]}` : `configuration:\n- ${problems.join('\n- ')}`);
  }
}
