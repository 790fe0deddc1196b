// The import graph's rules (npm run deps:check, and a test in tests/architecture/): no circle,
// and arrows that point one way (docs/architecture.md).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A circle ties every file on it together: a contract type belongs in a file of its own, not in the file that assembles its implementations.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'rules-kernel-is-pure',
      severity: 'error',
      comment: 'rules/ is the pure kernel everything else imports: it imports only itself and npm packages (no Node built-ins, nothing of ours).',
      from: { path: '^rules/' },
      to: { pathNot: '^(rules/|node_modules/)' },
    },
    {
      name: 'lib-is-shared',
      severity: 'error',
      comment: 'lib/ is what the API, the worker and the statistics share: it imports none of them (nor the workflows, activities or the Twilio adapter).',
      from: { path: '^lib/' },
      to: { path: '^(api|activities|workflows|worker|statistics|telephony)/' },
    },
    {
      name: 'api-without-activities',
      severity: 'error',
      comment: "The API talks to the workflows through Temporal; the activities are the worker's.",
      from: { path: '^api/' },
      to: { path: '^activities/' },
    },
    {
      name: 'statistics-without-http',
      severity: 'error',
      comment: 'statistics/ computes figures; answering them over HTTP (errors, exports, masking of the answer) is the API\'s (api/statistics/).',
      from: { path: '^statistics/' },
      to: { path: '^api/' },
    },
    {
      name: 'telephony-is-the-adapter',
      severity: 'error',
      comment: "telephony/ is the Twilio adapter (client, TwiML, Media Streams, numbers); the HTTP routers, Twilio's webhooks included, are the API's (api/twilio/).",
      from: { path: '^telephony/' },
      to: { path: '^api/' },
    },
    {
      name: 'console-takes-only-types-from-the-server',
      severity: 'error',
      comment: 'The console bundles rules/ (pure) but only the types of the server\'s answers: server code in the browser bundle would be dead weight or a leak.',
      from: { path: '^admin-ui/' },
      to: { path: '^(api|lib|statistics|prisma|activities|workflows|worker|telephony|config|storage)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'product-without-dev-stand-ins',
      severity: 'error',
      comment: 'dev/ holds development stand-ins (the local Twilio); only scripts, tests and benches start them.',
      from: { pathNot: '^(dev|scripts|tests|bench)/' },
      to: { path: '^dev/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(prisma/generated|admin-ui/dist|node_modules|\\.tools|\\.data)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'] },
  },
};
