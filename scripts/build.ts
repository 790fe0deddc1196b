// `npm run build` (after scripts/bootstrap.mjs --build): the production build. Compiles what
// production runs (tsconfig.build.json) to CommonJS, builds the admin console (admin-ui/dist),
// and prebuilds the workflow bundle into the build, so that the API, the worker and the
// migrations run from it with plain `node` (README, production). The build is made beside its
// folder and swapped in when complete: a failed build leaves the previous one as it was.
//   npm run build [-- --out-dir <folder inside the project>]     dist/ by default
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { BUILD_MANIFEST_NAME, PROJECT_ROOT, writeBuildManifest } from '../config/build';
import { loadWorkflowBundle, writePrebuiltBundle } from '../worker/workflowBundle';
import packageJson from '../package.json';

const log = (message: string) => console.log(`[build] ${message}`);

const DEFAULT_BUILD_DIR = path.join(PROJECT_ROOT, 'dist');

class BuildError extends Error {}

function outDir(argv: string[]): string {
  const index = argv.indexOf('--out-dir');
  if (index === -1) return DEFAULT_BUILD_DIR;
  const given = argv[index + 1];
  if (!given) throw new BuildError('--out-dir needs a folder');
  const dir = path.resolve(given);
  // The compiled code finds node_modules, the migrations and the console by walking up to the project.
  const relative = path.relative(PROJECT_ROOT, dir);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) throw new BuildError(`--out-dir ${given}: the build must be a folder inside the project (${PROJECT_ROOT})`);
  return dir;
}

/** Only a folder this script made (or an empty one) is replaced: never sources given by mistake. */
function replaceable(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0 || existsSync(path.join(dir, BUILD_MANIFEST_NAME));
}

function run(what: string, command: string, args: string[]): void {
  const started = performance.now();
  const { status } = spawnSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', command), args, { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (status !== 0) throw new BuildError(`${what} failed (exit ${status})`);
  log(`${what}: ${seconds(started)}`);
}

const seconds = (startedMs: number) => `${((performance.now() - startedMs) / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const started = performance.now();
  const dir = outDir(process.argv.slice(2));
  if (!replaceable(dir)) throw new BuildError(`${dir} holds files but no ${BUILD_MANIFEST_NAME}: not a build this script made; remove it or choose another --out-dir`);
  const next = `${dir}.next`;
  rmSync(next, { recursive: true, force: true });

  run('server compiled (tsc -p tsconfig.build.json)', 'tsc', ['-p', 'tsconfig.build.json', '--outDir', next]);
  run('admin console built into admin-ui/dist (vite build)', 'vite', ['build', '--config', 'admin-ui/vite.config.mts', '--logLevel', 'warn']);
  // Both bundles, plain and traced (a worker runs the traced one while traces are on), from the
  // sources, through the kept bundle when nothing it was built from has changed.
  for (const variant of ['plain', 'traced'] as const) {
    const bundleStarted = performance.now();
    const { bundle, source } = await loadWorkflowBundle({ variant, onStale: (reason) => log(`kept ${variant} workflow bundle not used: ${reason}`) });
    writePrebuiltBundle(next, variant, bundle);
    log(`${variant} workflow bundle prebuilt (${source === 'cache' ? 'the kept one, unchanged' : 'webpack'}): ${seconds(bundleStarted)}`);
  }
  writeBuildManifest(next, dir, packageJson.version);

  const previous = `${dir}.previous`;
  rmSync(previous, { recursive: true, force: true });
  if (existsSync(dir)) renameSync(dir, previous);
  renameSync(next, dir);
  rmSync(previous, { recursive: true, force: true });
  log(`${path.relative(PROJECT_ROOT, dir)}/ built in ${seconds(started)}: npm run start:api, npm run start:worker, npm run db:migrate:prod (README, production)`);
}

main().catch((error) => {
  console.error(error instanceof BuildError ? `[build] ${error.message}` : error);
  process.exit(1);
});
