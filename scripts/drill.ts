// `npm run drill`: the chaos drill (scripts/drill/run.ts) on a stack of its own. Exit code 0
// when nothing acknowledged was lost, nothing was doubled, every request got an answer and the
// audit chains verify; 1 otherwise.
//   DRILL_INTAKES=200 DRILL_CONCURRENCY=8 npm run drill
import { z } from 'zod';
import { formatReport } from './drill/report';
import { runDrill } from './drill/run';

const sizes = z.object({
  DRILL_INTAKES: z.coerce.number().int().min(4).default(200),
  DRILL_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
});

async function main(): Promise<number> {
  const parsed = sizes.safeParse(process.env);
  if (!parsed.success) {
    console.error(`[drill] ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    return 2;
  }
  const result = await runDrill({ intakes: parsed.data.DRILL_INTAKES, concurrency: parsed.data.DRILL_CONCURRENCY, log: (message) => console.log(`[drill] ${message}`) });
  console.log(formatReport(result));
  return result.failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[drill] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
