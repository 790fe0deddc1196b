// mocha's spec reporter plus a closing line "mocha: N passed, N failed, N skipped" that CI reads
// (with --reporter-option plain=true: just "N passed, N failed", as `npm run test:cluster` ends).
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      const plain = options?.reporterOptions?.plain === 'true';
      process.stdout.write(plain ? `\n${passes} passed, ${failures} failed\n` : `\nmocha: ${passes} passed, ${failures} failed, ${pending} skipped\n`);
    });
  }
}

module.exports = SummaryReporter;
