// Run through scripts/test.ts (npm test), which provides DATABASE_URL and the Temporal binaries.
module.exports = {
  require: ['tsx/cjs', './tests/support/hooks.ts'],
  extension: ['ts'],
  spec: ['tests/**/*.test.ts'],
  timeout: 120000,
  reporter: './tests/support/summaryReporter.cjs',
  exit: true,
};
