// Bundles the compiled `hub` command (dist/apps/cli/src/main.js) into one file, and runs it once so
// that bin/hub.js finds a V8 code cache next to it. A cron-driven `hub mailbox poll` then starts
// without resolving, reading and compiling some 2,000 modules one by one (most of a second on two
// busy cores). Bundled from tsc's output, not from the sources: esbuild does not emit the decorator
// metadata Nest and TypeORM read. Run by `npm run build:cli` after tsc (`npm run build`, so `npm ci`, runs both); without the bundle,
// bin/hub.js runs the unbundled main.js.
const { spawnSync } = require('child_process');
const { existsSync, readdirSync, rmSync, statSync, writeFileSync } = require('fs');
const { join } = require('path');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');
// As deep under dist/ as the libs' own files, so that `__dirname`-relative look-ups (the shipped
// config folder) land where they do unbundled.
const outdir = join(root, 'dist', 'apps', 'cli', 'bundle');

if (!existsSync(entry)) {
  console.error('bundle-cli: dist/apps/cli/src/main.js is missing — run tsc first');
  process.exit(1);
}
rmSync(outdir, { recursive: true, force: true });
require('esbuild').buildSync({
  // The letter parser's worker thread too: LetterParserPool looks for it beside the code that starts it.
  entryPoints: { hub: entry, 'parse-worker': join(root, 'dist', 'libs', 'intake', 'src', 'mail', 'parse-worker.js') },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Native addons stay outside (TypeORM loads its drivers by a computed name: they stay outside too).
  external: ['better-sqlite3', 'msgpackr-extract'],
  // Half the bytes to read at every start. Class names are data here (TypeORM entities, Nest
  // providers, error names in messages): kept.
  minify: true,
  keepNames: true,
  logLevel: 'error',
  logOverride: { 'require-resolve-not-external': 'silent' },
});
for (const f of existsSync(outdir) ? readdirSync(outdir) : []) if (f.endsWith('.v8cache')) rmSync(join(outdir, f));
// Writes each command group's code cache (bin/hub.js writes one when it finds none): `hub <group> --help` loads the group.
const { CLI_GROUPS } = require(join(root, 'dist', 'apps', 'cli', 'src', 'commands'));
for (const group of ['all', ...Object.keys(CLI_GROUPS)]) {
  const bundle = join(outdir, 'hub.js');
  const { size, mtimeMs } = statSync(bundle);
  writeFileSync(`${bundle}.${size}-${Math.floor(mtimeMs)}.${group}.v8cache`, ''); // empty: rejected, so written after the run
  const args = group === 'all' ? ['--help'] : [group, '--help'];
  const warm = spawnSync(process.execPath, [join(root, 'bin', 'hub.js'), ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (warm.status !== 0) {
    console.error(`bundle-cli: the bundled \`hub ${args.join(' ')}\` failed`);
    process.exit(1);
  }
}
