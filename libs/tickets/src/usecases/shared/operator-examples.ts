import { Inject, Injectable } from '@nestjs/common';
import { Directory } from '@hub/classification';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { TicketEntity, TRAINING_EXAMPLES, Transaction } from '@hub/database';

/**
 * Every operator decision is a labelled example for the router. An operator who picks another
 * unit and leaves the model's category as it was corrected the category too: the example takes
 * the category that leads to the chosen unit (or none, and is not trained on) rather than
 * teaching the model its own mistake.
 */
@Injectable()
export class OperatorExamples {
  private readonly directory: Directory;

  constructor(@Inject(HUB_CONFIG) config: HubConfig) {
    this.directory = new Directory(config);
  }

  async record(tx: Pick<Transaction, 'get'>, t: TicketEntity, department: string | null, disposition: 'dispatch' | 'direct_answer'): Promise<void> {
    const suggested = (t.classification?.suggestions ?? []).map((s) => s.category);
    const category = department ? this.directory.categoryLeadingTo(department, t.region, t.category, suggested) : t.category;
    await tx.get(TRAINING_EXAMPLES).saveOperatorExample(t.id, {
      channel: t.channel,
      text: t.text,
      category,
      region: t.region,
      department,
      urgency: t.urgency,
      disposition,
    });
  }
}
