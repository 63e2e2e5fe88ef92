import type { ExtensionRefusal } from '@hub/deadlines';
import { ActionRefusedError } from '../../ticket-errors';

/**
 * The policy's refusal of an extension (DeadlinePolicies decides), worded as the API has always
 * answered it: the console reads these English messages and shows its own Chinese for each.
 */
export function extensionRefused(r: ExtensionRefusal, days: number): ActionRefusedError {
  switch (r.kind) {
    case 'none_allowed':
      return new ActionRefusedError('the policy allows no extension for this kind of ticket (e.g. urgent ones); reply within the time limit');
    case 'used_up':
      return new ActionRefusedError(`the policy allows ${r.maxCount} extension(s) and it was used`);
    case 'too_long':
      return new ActionRefusedError(`an extension may be at most ${r.maxDays} ${r.unit === 'days' ? 'days' : 'working days'} (asked: ${days})`);
    case 'too_late':
      return new ActionRefusedError('an extension must be requested before the reply deadline; it has passed');
    case 'bad_days':
      return new ActionRefusedError(`an extension is a whole number of days from 1 (asked: ${days})`);
  }
}
