// Runs once before all tests: integration tests need real services, so say plainly which is missing.
import { checkServices } from './services';

export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  await checkServices();
}
