import { UnitChoiceCommand } from '../shared/command-fields';

export class ReassignTicketCommand extends UnitChoiceCommand {}
