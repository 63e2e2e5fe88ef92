import { readFileSync } from 'fs';
import { resolve } from 'path';
import { loadConfig } from '@hub/config';
import { UrgencyDetector } from './urgency';

// The shipped urgency signals (config/urgency.yaml) against the ways people actually say it:
// U = must reach the duty supervisor at once, N = a look-alike that must not (a question, a worry,
// a denial, something long resolved).
const config = loadConfig({ HUB_CONFIG_DIR: resolve(__dirname, '../../../config') });
const detector = new UrgencyDetector(config.urgency);
const phrasings = readFileSync(resolve(__dirname, 'fixtures/urgency-phrasings.tsv'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => line.split('\t') as [string, string]);

describe('shipped urgency signals', () => {
  it.each(phrasings.filter(([want]) => want === 'U').map(([, text]) => [text]))('urgent: %s', (text) => {
    expect(detector.detect(text).urgency).toBe('urgent');
  });

  it.each(phrasings.filter(([want]) => want === 'N').map(([, text]) => [text]))('not urgent: %s', (text) => {
    expect(detector.detect(text).urgency).toBe('normal');
  });
});
