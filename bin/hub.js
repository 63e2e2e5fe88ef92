#!/usr/bin/env node
// The `hub` command. `npm run build` (run by `npm ci` through the prepare script) compiles the CLI
// and bundles it into one file (scripts/bundle-cli.js); that file is run here with a V8 code cache
// kept next to it, so a cron-driven `hub mailbox poll` does not spend its start-up resolving and
// compiling two thousand modules. Without the bundle, the compiled main.js is run as it is.
const { existsSync, readFileSync, renameSync, statSync, writeFileSync } = require('fs');
const Module = require('module');
const { dirname, join } = require('path');
const vm = require('vm');

const dist = join(__dirname, '..', 'dist', 'apps', 'cli');
const bundle = join(dist, 'bundle', 'hub.js');
const main = join(dist, 'src', 'main.js');

function runBundle(file) {
  const source = readFileSync(file, 'utf8');
  // V8 checks a cache against the source's length only: the file's size and time name it. One
  // cache per command group (`hub mailbox …`), holding what that group's runs compile.
  // The build writes one for each group and one (`all`) for the rest: help, usage mistakes.
  const st = statSync(file);
  const cacheOf = (group) => `${file}.${st.size}-${Math.floor(st.mtimeMs)}.${group}.v8cache`;
  const asked = /^[a-z]+$/.test(process.argv[2] ?? '') ? cacheOf(process.argv[2]) : null;
  const cacheFile = asked && existsSync(asked) ? asked : cacheOf('all');
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
    if (!cachedData.length) cachedData = undefined; // a placeholder the build leaves: write it
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (!cachedData || script.cachedDataRejected) {
    // Written once, after the run (the functions it compiled are in it); a read-only install goes without.
    process.once('exit', () => {
      try {
        const tmp = `${cacheFile}.${process.pid}`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        // no cache: the next start compiles again
      }
    });
  }
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(dirname(file));
  process.argv[1] = file;
  script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, dirname(file));
}

// A bundle older than the compiled sources (`npm start` or a bench rebuilt dist/ without it) is stale.
const bundleIsCurrent = () => existsSync(bundle) && !(existsSync(main) && statSync(main).mtimeMs > statSync(bundle).mtimeMs);

if (bundleIsCurrent()) runBundle(bundle);
else if (existsSync(main)) require(main);
else {
  process.stderr.write('hub: the project is not built yet — run `npm run build` (npm ci does it for you)\n');
  process.exit(1);
}
