import { ValidateBy } from 'class-validator';

/** A command field that carries a callback (a progress report, a hook run in the transaction). */
export function IsCallback(): PropertyDecorator {
  return ValidateBy({
    name: 'isCallback',
    validator: { validate: (value: unknown) => typeof value === 'function', defaultMessage: (args) => `${args?.property} must be a function` },
  });
}
