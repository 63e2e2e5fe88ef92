import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/** A command that does not say what a use case needs: 400, naming the field. */
export class BadMessagingInput extends Error {
  readonly code = 'BAD_INPUT';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The command as its class, validated; throws BadMessagingInput naming the first wrong field. */
export function validateCommand<T extends object>(cls: new () => T, input: T | Record<string, unknown>): T {
  const cmd = input instanceof cls ? input : plainToInstance(cls, input);
  const errors = validateSync(cmd, { forbidUnknownValues: false });
  if (errors.length) {
    const e = errors[0];
    const why = Object.values(e.constraints ?? {})[0] ?? 'is not valid';
    throw new BadMessagingInput(e.property, `${why}`);
  }
  return cmd;
}

/** Keeps trying a write while the database does not answer (MariaDB restarted), within a budget. */
export async function retryWhileDatabaseAway(budgetMs: number, fn: () => Promise<void>): Promise<void> {
  const until = Date.now() + budgetMs;
  for (let wait = 500; ; wait = Math.min(wait * 2, 15_000)) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() + wait > until) throw e;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
