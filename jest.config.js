// One jest run for everything: unit specs beside the code (*.spec.ts) and integration /
// end-to-end tests under test/ (*.test.ts) against real MariaDB, Redis, Dovecot and SMTP.
// Each integration test file gets its own database and Redis prefix, so files run in parallel.
const swc = JSON.parse(require('fs').readFileSync(__dirname + '/.swcrc', 'utf8'));
delete swc.$schema;
const libs = [
  'config',
  'database',
  'domain',
  'queue',
  'intake',
  'classification',
  'deadlines',
  'reminders',
  'notify',
  'reporting',
  'auth',
  'tickets',
  'storage',
  'knowledge',
];
const moduleNameMapper = Object.fromEntries(libs.map((l) => [`^@hub/${l}$`, `<rootDir>/libs/${l}/src`]));
moduleNameMapper['^@hub/testing$'] = '<rootDir>/test/support';
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/*/src/**/*.spec.ts', '<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/apps/console/'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 60000,
  maxWorkers: 2,
  setupFiles: ['reflect-metadata'],
};
