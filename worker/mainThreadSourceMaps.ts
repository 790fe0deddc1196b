// Node's source maps for the worker's main thread only, so that its stack traces (activities,
// the SDK's bridge) name TypeScript lines. Given as `--enable-source-maps` they would reach the
// SDK's workflow threads too, which Node starts with the process's options: there workflow stack
// traces are mapped by the SDK itself, and Node would scan the source of the small function the
// SDK compiles for every promise a workflow creates (docs/performance.md, "Workflow threads
// without Node's source maps"). Imported first by worker/main.ts, before any other module loads.
process.setSourceMapsEnabled(true);
