import type { IntakeItemEntity } from '@hub/database';
import { ADMIN_VIEWS, InMemoryAdminViewsRepository, InMemoryUnitOfWork } from '@hub/database';
import { RecordingJobProducer } from '@hub/queue';
import { RerunIntakeItemUseCase } from './rerun-intake-item.usecase';

describe('re-run an intake item', () => {
  const views = new InMemoryAdminViewsRepository();
  views.intake.insert({ status: 'quarantined', sourceName: '市长信箱' } as IntakeItemEntity);
  const setUp = () => {
    const jobs = new RecordingJobProducer();
    return { jobs, rerun: new RerunIntakeItemUseCase(new InMemoryUnitOfWork().provide(ADMIN_VIEWS, views), jobs) };
  };

  it('queues a quarantined item to be parsed again from its raw bytes', async () => {
    const { jobs, rerun } = setUp();
    expect(await rerun.execute({ intakeItemId: 1 })).toEqual({ queued: true, intakeItemId: 1 });
    expect(jobs.jobs).toEqual([{ name: 'intake-reparse', payload: { intakeItemId: 1 }, delayMs: undefined }]);
  });

  it('says which item is not there and queues nothing', async () => {
    const { jobs, rerun } = setUp();
    await expect(rerun.execute({ intakeItemId: 2 })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'intake item 2 not found' });
    expect(jobs.jobs).toEqual([]);
  });
});
