// Run through scripts/test.ts (npm test), which provides DATABASE_URL and the Temporal binaries.
// `npm test -- tests/api/x.test.ts` runs just the files named.
const filesNamed = process.argv.slice(2).some((arg) => arg.endsWith('.test.ts'));

module.exports = {
  require: ['tsx/cjs', './tests/support/hooks.ts'],
  extension: ['ts'],
  spec: filesNamed ? [] : ['tests/**/*.test.ts'],
  timeout: 120000,
  reporter: './tests/support/summaryReporter.cjs',
  exit: true,
};
