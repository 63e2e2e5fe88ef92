import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { TicketQueryParamError } from '../tickets/ticket-list-query';

/**
 * A query parameter the statistics read as one short text: given twice (`from=…&from=…`) or as a
 * structure (`from[x]=…`) it is a 400 naming it, never a 500 further down.
 */
@Injectable()
export class OneQueryValuePipe implements PipeTransform<unknown, string | undefined> {
  transform(raw: unknown, meta: ArgumentMetadata): string | undefined {
    const name = meta.data ?? 'parameter';
    if (raw === undefined || raw === '') return undefined;
    if (typeof raw !== 'string') throw new TicketQueryParamError(name, '只能给一次，且为文字', `${name} must be given once, as text`);
    if (raw.length > 100) throw new TicketQueryParamError(name, '过长', `${name} is too long`);
    return raw;
  }
}
