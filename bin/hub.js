#!/usr/bin/env node
// The `hub` command: runs the compiled CLI (built by `npm ci` through the prepare script).
const { existsSync } = require('fs');
const { join } = require('path');
const main = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(main)) {
  process.stderr.write('hub: the project is not built yet — run `npm run build` (npm ci does it for you)\n');
  process.exit(1);
}
require(main);
