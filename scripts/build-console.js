// Builds the web console (apps/console) to static files the API serves; skipped when it has none yet.
const { existsSync } = require('fs');
const { join } = require('path');
const { spawnSync } = require('child_process');
const dir = join(__dirname, '..', 'apps', 'console');
if (!existsSync(join(dir, 'vite.config.ts'))) {
  console.log('console: no sources yet, skipped');
  process.exit(0);
}
const r = spawnSync(process.execPath, [join(require('path').dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
  cwd: dir,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
