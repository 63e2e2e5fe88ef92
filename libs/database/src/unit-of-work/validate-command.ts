import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';

/** What a use case refuses, with a code callers map (HTTP status, CLI exit) and a message a person can act on. */
export class UseCaseError extends Error {
  constructor(readonly code: 'BAD_INPUT' | 'NOT_FOUND' | 'CONFLICT' | (string & {}), message: string) {
    super(message);
  }
}

function firstProblem(errors: ValidationError[], prefix = ''): string | null {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const message = Object.values(e.constraints ?? {})[0];
    if (message) return message.startsWith(e.property) ? `${prefix ? `${prefix}.` : ''}${message}` : `${field}: ${message}`;
    const nested = firstProblem(e.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

/**
 * The command as an instance of its class, checked by its class-validator decorators; a
 * BAD_INPUT UseCaseError naming the first wrong field otherwise. Use cases call it first.
 */
export async function validateCommand<T extends object>(type: new () => T, input: T): Promise<T> {
  const command = input instanceof type ? input : plainToInstance(type, input);
  const problem = firstProblem(await validate(command, { forbidUnknownValues: false }));
  if (problem) throw new UseCaseError('BAD_INPUT', problem);
  return command;
}
