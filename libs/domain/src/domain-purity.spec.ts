import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the domain library', () => {
  // The web console bundles it too: a Node module, a framework or another lib here would break the browser build.
  it('imports nothing but its own files', () => {
    const outside = sources(__dirname).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]/g)]
        .map((m) => m[1] ?? m[2])
        .filter((spec) => !spec.startsWith('./') && !spec.startsWith('../'))
        .map((spec) => `${relative(__dirname, file)}: ${spec}`),
    );
    expect(outside).toEqual([]);
  });
});
