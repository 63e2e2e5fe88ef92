/**
 * `node -r test/support/swc-register.js some.ts`: runs the project's TypeScript in a child
 * process the way jest does (swc with decorator metadata, @hub/* mapped to libs/<name>/src), so a
 * test can SIGKILL real work without depending on a fresh `npm run build`.
 */
const { readFileSync } = require('fs');
const { join } = require('path');
const Module = require('module');
const swc = require('@swc/core');

const ROOT = join(__dirname, '..', '..');
const options = JSON.parse(readFileSync(join(ROOT, '.swcrc'), 'utf8'));
delete options.$schema;

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const m = /^@hub\/([a-z]+)$/.exec(request);
  const mapped = m ? join(ROOT, m[1] === 'testing' ? 'test/support' : `libs/${m[1]}/src`) : request;
  return resolve.call(this, mapped, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
require('reflect-metadata');
