// The workflow bundle, built once and kept on disk: a worker that starts (or restarts after a
// crash) reads it instead of running webpack (seconds of CPU and a few hundred MiB of memory
// that stays in the worker's RSS). The bundle is reused only while every file webpack read to
// build it is unchanged, and no file it looked for and missed has appeared since. A worker
// compiled by `npm run build` never bundles: it runs the bundle the build wrote beside its code.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundle, type WorkflowBundleOption } from '@temporalio/worker';
import { BUILD } from '../config/build';
import { ConfigError, PROJECT_ROOT } from '../config/env';
import { FAILURE_CONVERTER_PATH } from '../lib/payloadCodec';

const WORKFLOWS_PATH = require.resolve('../workflows');
const SHARED_MODULES_PATH = require.resolve('../workflows/sharedModules');

/**
 * The two bundles, kept (under .build/) and prebuilt (in the build) in folders of their own:
 * plain, and traced, with the SDK's OpenTelemetry workflow interceptors (worker/tracing.ts),
 * which a worker runs only while traces are on, so that without them it runs exactly the
 * workflow code it ran before.
 */
export type BundleVariant = 'plain' | 'traced';
const VARIANTS: Record<BundleVariant, { folder: string; workflowInterceptorModules: string[] }> = {
  plain: { folder: 'workflow-bundle', workflowInterceptorModules: [] },
  traced: { folder: 'workflow-bundle-traced', workflowInterceptorModules: [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')] },
};
export const WORKFLOW_BUNDLE_DIR = path.join(PROJECT_ROOT, '.build', VARIANTS.plain.folder);

/** Raise when the manifest's shape or meaning changes, so older caches are rebuilt. */
const MANIFEST_FORMAT = 1;

export interface Manifest {
  format: number;
  /** Absolute paths are compiled into the bundle (its source map), so a moved checkout rebuilds. */
  projectRoot: string;
  bundleSha256: string;
  /** Every file webpack read, with its hash; this module's own file is one of them. */
  inputs: Record<string, string>;
  /** Paths webpack tried while resolving and found missing: if one appears, resolution may change. */
  missing: string[];
}

/**
 * Inputs webpack does not list: this module (the bundler's options), and the installed packages
 * as a whole (the SDK's bundler and its swc transpiler are not files the bundle reads).
 */
const BUILD_INPUTS = [__filename, path.join(PROJECT_ROOT, 'package-lock.json'), path.join(PROJECT_ROOT, 'node_modules', '.package-lock.json')];

/** prebuilt: by `npm run build`; cache: kept on disk by an earlier start; built: by webpack just now. */
export type BundleSource = 'prebuilt' | 'cache' | 'built';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

function hashFile(file: string): string | null {
  try {
    return sha256(readFileSync(file));
  } catch {
    return null;
  }
}

function modifiedMs(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    // Gone since webpack read it: the SDK's generated entry point, which it deletes after the
    // build. The manifest leaves such files out.
    return Number.NEGATIVE_INFINITY;
  }
}

/** Builds the bundle with webpack and returns the files it read and the paths it missed. */
async function build(workflowInterceptorModules: string[] = []): Promise<{ bundle: WorkflowBundle; inputs: string[]; missing: string[] }> {
  let inputs: string[] = [];
  let missing: string[] = [];
  const recordDependencies = {
    apply(compiler: { hooks: { done: { tap(name: string, fn: (stats: { compilation: { fileDependencies: Iterable<string>; missingDependencies: Iterable<string> } }) => void): void } } }) {
      compiler.hooks.done.tap('record-workflow-bundle-inputs', ({ compilation }) => {
        inputs = [...compilation.fileDependencies];
        missing = [...compilation.missingDependencies];
      });
    },
  };
  // The failure converter is part of the bundle: workflow failures' messages are encoded (and so
  // encrypted) like the activities' (lib/failureConverter.ts).
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    workflowInterceptorModules,
    logger: new DefaultLogger('WARN'),
    // zod's module scope (its ~180 classes) evaluated once per workflow thread instead of once per
    // cached case (workflows/sharedModules.ts).
    preloadModules: [SHARED_MODULES_PATH],
    // The SDK evaluates the bundle's modules once per cached workflow (docs/performance.md,
    // worker memory). Scope hoisting merges the ES modules (zod's) into one scope, without a
    // namespace object and getters per module, and modules nothing uses are left out: 133
    // modules became 82. Code is not minified, so stack traces and names stay as written.
    webpackConfigHook: (config) => ({
      ...config,
      plugins: [...(config.plugins ?? []), recordDependencies],
      // The shared modules are loaded for their effect on the module cache; webpack would prune
      // them as free of side effects (the preload's require has no use of its result).
      module: { ...config.module, rules: [...(config.module?.rules ?? []), { test: SHARED_MODULES_PATH, sideEffects: true }] },
      optimization: { ...config.optimization, providedExports: true, usedExports: true, innerGraph: true, sideEffects: true, concatenateModules: true },
    }),
  });
  return { bundle: { code }, inputs: [...new Set([...inputs, ...BUILD_INPUTS])].filter((file) => path.isAbsolute(file)), missing: missing.filter((file) => path.isAbsolute(file)) };
}

/** Why the cached bundle cannot be used, or null when it can. */
export function staleReason(manifest: Manifest, code: string): string | null {
  if (manifest.format !== MANIFEST_FORMAT) return `manifest format ${manifest.format}`;
  if (manifest.projectRoot !== PROJECT_ROOT) return `built in ${manifest.projectRoot}`;
  if (sha256(code) !== manifest.bundleSha256) return 'the bundle does not match its manifest';
  for (const [file, hash] of Object.entries(manifest.inputs)) if (hashFile(file) !== hash) return `${path.relative(PROJECT_ROOT, file)} changed`;
  for (const file of manifest.missing) if (existsSync(file)) return `${path.relative(PROJECT_ROOT, file)} appeared`;
  return null;
}

function readCached(dir: string): { bundle: WorkflowBundle; manifest: Manifest } | null {
  try {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const code = readFileSync(path.join(dir, 'bundle.js'), 'utf8');
    return { bundle: { code }, manifest };
  } catch {
    return null;
  }
}

/** Write-then-rename, so processes building at once never read half a file. */
function writeAtomically(file: string, data: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}

/**
 * The workflow bundle: the one in `dir` (the variant's folder under .build/ by default) when it
 * is current, else a new build written there. A directory that cannot be written (a read-only
 * deployment) costs only the cache, never the start.
 */
export async function loadWorkflowBundle(options: { variant?: BundleVariant; dir?: string; onStale?: (reason: string) => void } = {}): Promise<{ bundle: WorkflowBundle; source: BundleSource }> {
  const variant = VARIANTS[options.variant ?? 'plain'];
  const dir = options.dir ?? path.join(PROJECT_ROOT, '.build', variant.folder);
  const cached = readCached(dir);
  if (cached) {
    const reason = staleReason(cached.manifest, cached.bundle.code);
    if (reason === null) return { bundle: cached.bundle, source: 'cache' };
    options.onStale?.(reason);
  }
  const buildStartedMs = Date.now();
  const { bundle, inputs, missing } = await build(variant.workflowInterceptorModules);
  // Without webpack's list of what it read, nothing could tell the kept bundle went stale.
  if (!inputs.includes(WORKFLOWS_PATH)) {
    options.onStale?.('webpack did not list the files it read: the bundle is not kept');
    return { bundle, source: 'built' };
  }
  // The inputs are hashed after the build: a file saved while webpack ran would be recorded with
  // content the bundle may not hold. Such a bundle serves this start and is not kept.
  const changedDuringBuild = inputs.find((file) => modifiedMs(file) >= buildStartedMs);
  if (changedDuringBuild) {
    options.onStale?.(`${path.relative(PROJECT_ROOT, changedDuringBuild)} changed while webpack read it: the bundle is not kept`);
    return { bundle, source: 'built' };
  }
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    projectRoot: PROJECT_ROOT,
    bundleSha256: sha256(bundle.code),
    inputs: Object.fromEntries(inputs.sort().map((file) => [file, hashFile(file)]).filter((entry): entry is [string, string] => entry[1] !== null)),
    missing: missing.sort(),
  };
  try {
    mkdirSync(dir, { recursive: true });
    writeAtomically(path.join(dir, 'bundle.js'), bundle.code);
    writeAtomically(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  } catch (error) {
    options.onStale?.(`the bundle could not be kept in ${dir}: ${(error as Error).message}`);
  }
  return { bundle, source: 'built' };
}

interface PrebuiltManifest {
  bundleSha256: string;
}

/** The build's step that bundles: `bundle` written into the build being made in `buildDir` (dist/workflow-bundle/, …-traced/). */
export function writePrebuiltBundle(buildDir: string, variant: BundleVariant, bundle: WorkflowBundle): void {
  const dir = path.join(buildDir, VARIANTS[variant].folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'bundle.js'), bundle.code);
  const manifest: PrebuiltManifest = { bundleSha256: sha256(bundle.code) };
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
}

/** The build's bundle, for the SDK to read; refused when missing or not the one the build wrote (a partial copy). */
export function prebuiltBundle(buildDir: string, variant: BundleVariant): { codePath: string } {
  const dir = path.join(buildDir, VARIANTS[variant].folder);
  const codePath = path.join(dir, 'bundle.js');
  const code = hashFile(codePath);
  let manifest: PrebuiltManifest | null = null;
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as PrebuiltManifest;
  } catch {
    // Reported below with the bundle itself.
  }
  if (code === null || manifest === null) throw new ConfigError(`the prebuilt workflow bundle is missing from ${dir}: a worker run from the build never bundles its workflows itself; run \`npm run build\``);
  if (code !== manifest.bundleSha256) throw new ConfigError(`the prebuilt workflow bundle in ${dir} does not match its manifest: run \`npm run build\``);
  return { codePath };
}

/**
 * The bundle a worker process runs: from a build, the prebuilt one (never webpack); from the
 * sources, the kept one, rebuilt when stale (loadWorkflowBundle).
 */
export async function workerWorkflowBundle(options: { variant: BundleVariant; onStale?: (reason: string) => void }): Promise<{ bundle: WorkflowBundleOption; source: BundleSource }> {
  if (BUILD) return { bundle: prebuiltBundle(BUILD.dir, options.variant), source: 'prebuilt' };
  return loadWorkflowBundle(options);
}
