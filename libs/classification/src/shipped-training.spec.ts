import { resolve } from 'path';
import { loadConfig } from '@hub/config';
import { Directory } from './directory';
import { Gazetteer } from './gazetteer';
import { readLabelledJsonl, shippedTrainingFiles } from './store';

// The shipped model learns from these files: a wrong label in them is a wrong route for every
// office that starts with the demo city. Each example must agree with the shipped configuration.
const configDir = resolve(__dirname, '../../../config');
const config = loadConfig({ HUB_CONFIG_DIR: configDir });
const directory = new Directory(config);
const gazetteer = new Gazetteer(config.regions);
const files = shippedTrainingFiles(configDir);

describe('shipped training examples', () => {
  it('are there to train the demo city model', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [f.replace(/.*[\\/]/, ''), f]))('%s: labels follow the taxonomy, the routing table and the places named', (_name, file) => {
    const problems: string[] = [];
    const ids = new Set<string>();
    for (const item of readLabelledJsonl(file)) {
      const id = String(item.id);
      if (ids.has(id)) problems.push(`${id}: id used twice`);
      ids.add(id);
      if (!directory.has(item.category)) {
        problems.push(`${id}: category ${item.category} is not in taxonomy.yaml`);
        continue;
      }
      if (item.region != null && !directory.regions.includes(item.region)) problems.push(`${id}: region ${item.region} is not in regions.yaml`);
      // A matter of a district's own unit with no place named teaches the category; its unit stays open (null).
      const route = directory.route(item.category, item.region ?? null);
      if (item.department !== undefined && (item.department ?? null) !== route.department) {
        problems.push(`${id}: department ${item.department} but ${item.category} in ${item.region} goes to ${route.department}`);
      }
      // Where the text names places of one region only, that is where the matter is.
      const named = new Set(
        gazetteer
          .resolve(item.text)
          .matches.filter((m) => m.regions.length === 1)
          .map((m) => m.regions[0]),
      );
      if (named.size === 1 && (item.region ?? null) !== [...named][0])
        problems.push(`${id}: labelled ${item.region} but names only places in ${[...named][0]}`);
    }
    expect(problems).toEqual([]);
  });
});
