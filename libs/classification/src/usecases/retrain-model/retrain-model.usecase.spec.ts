import { existsSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadConfig } from '@hub/config';
import { InMemoryTrainingExampleRepository, InMemoryUnitOfWork, TRAINING_EXAMPLES } from '@hub/database';
import { ModelStore } from '../../store';
import { RetrainModelUseCase } from './retrain-model.usecase';

function setUp() {
  const examples = new InMemoryTrainingExampleRepository();
  const uow = new InMemoryUnitOfWork().provide(TRAINING_EXAMPLES, examples);
  const config = loadConfig({ ...process.env, HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-retrain-spec-')) });
  return { config, retrain: new RetrainModelUseCase(uow, config) };
}

describe('retrain the routing model', () => {
  it('leaves the model alone while operators have decided nothing', async () => {
    const { config, retrain } = setUp();
    expect(await retrain.execute({ reason: 'scheduled' })).toEqual({ replaced: false, reason: 'no operator decisions to learn from yet' });
    expect(existsSync(new ModelStore(config.env.dataDir).dir)).toBe(false);
  });

  it('refuses a command without a reason', async () => {
    await expect(setUp().retrain.execute({ reason: '' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
