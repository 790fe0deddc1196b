// What every workflow thread loads once and shares among its cached cases (the SDK's
// `preloadModules`, worker/workflowBundle.ts) instead of evaluating it again for each case: zod's
// module scope, its ~180 classes. The SDK freezes what is shared, so nothing shared may be
// mutated after load: zod's schemas are built per case, when first used (rules/lazyRecord.ts).
import * as zod from 'zod';

// zod completes its global configuration (English messages, the memoizer) when it builds its first
// schema; frozen after this file runs, it must be complete by then, so one is built here. This is
// also a use of the namespace the bundler cannot prune: without one, zod (free of side effects by
// its package.json) would be merged into every case's module scope and nothing preloaded.
zod.object({ preloaded: zod.array(zod.string()), at: zod.iso.datetime() });
