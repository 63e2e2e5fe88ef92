import { TicketCommand } from '../shared/command-fields';

export class AcceptTicketCommand extends TicketCommand {}
