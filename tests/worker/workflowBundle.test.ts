// The workflow bundle kept on disk (worker/workflowBundle.ts): reused only while everything it
// was built from is unchanged; rebuilt, and kept again, as soon as anything is not.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadWorkflowBundle, staleReason, type Manifest } from '../../worker/workflowBundle';

describe('workflow bundle kept on disk', function () {
  this.timeout(180_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'workflow-bundle-'));
  const manifest = () => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const code = () => readFileSync(path.join(dir, 'bundle.js'), 'utf8');

  it('builds once, then starts from the kept bundle', async () => {
    const notKept: string[] = [];
    const first = await loadWorkflowBundle({ dir, onStale: (reason) => notKept.push(reason) });
    assert.equal(first.source, 'built');
    assert.deepEqual(notKept, [], 'the first build is kept');
    const inputs = Object.keys(manifest().inputs);
    for (const file of ['workflows/index.ts', 'workflows/petition/workflow.ts', 'rules/lifecycle/commands.ts', 'worker/workflowBundle.ts', 'package-lock.json']) {
      assert.ok(inputs.includes(path.resolve(file)), `${file} is an input of the bundle`);
    }
    assert.ok(inputs.some((file) => file.includes('node_modules/@temporalio/workflow/')), "the SDK's workflow library is an input");
    const stale: string[] = [];
    const second = await loadWorkflowBundle({ dir, onStale: (reason) => stale.push(reason) });
    assert.equal(second.source, 'cache');
    assert.deepEqual(stale, []);
    assert.equal(second.bundle.code, first.bundle.code);
  });

  it('loads zod once per workflow thread: preloaded, and none of its code in the module scope each case evaluates', () => {
    const bundle = code();
    const preload = /exports\.preloadModules = function preloadModules\(\) \{([^}]*)\}/.exec(bundle)?.[1] ?? '';
    assert.match(preload, /__webpack_require__\([^)]*"\.\/workflows\/sharedModules\.ts"\)/, 'the preload requires workflows/sharedModules.ts (not pruned away)');
    // Each module of the bundle starts with a `/***/ "id"` line; the workflows' module holds the
    // modules concatenated into it, each marked `;// path`.
    const modules = bundle.split(/^\/\*{3}\/ "/m);
    const workflows = modules.find((module) => module.startsWith('./workflows/index.ts"'));
    assert.ok(workflows, 'the bundle has the workflows module');
    assert.deepEqual(workflows.match(/^;\/\/ \.\/node_modules\/zod\/.*$/gm) ?? [], [], "no zod module is merged into the workflows' own scope");
    assert.ok(modules.some((module) => module.startsWith('./node_modules/zod/')), 'zod is a module of its own, which the preload shares');
  });

  it('names what makes a kept bundle stale: a changed input, a file that appeared, a damaged bundle, another checkout', () => {
    const current = manifest();
    assert.equal(staleReason(current, code()), null);
    const commands = path.resolve('rules/lifecycle/commands.ts');
    assert.equal(staleReason({ ...current, inputs: { ...current.inputs, [commands]: '0'.repeat(64) } }, code()), 'rules/lifecycle/commands.ts changed');
    assert.equal(staleReason({ ...current, inputs: { ...current.inputs, [path.resolve('gone.ts')]: '0'.repeat(64) } }, code()), 'gone.ts changed');
    assert.equal(staleReason({ ...current, missing: [...current.missing, path.resolve('package.json')] }, code()), 'package.json appeared');
    assert.equal(staleReason(current, `${code()}\n// edited`), 'the bundle does not match its manifest');
    assert.equal(staleReason({ ...current, projectRoot: '/elsewhere' }, code()), 'built in /elsewhere');
    assert.equal(staleReason({ ...current, format: 0 }, code()), 'manifest format 0');
  });

  it('rebuilds a stale bundle, says why, and keeps the new one', async () => {
    const current = manifest();
    const commands = path.resolve('rules/lifecycle/commands.ts');
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ ...current, inputs: { ...current.inputs, [commands]: '0'.repeat(64) } }));
    const stale: string[] = [];
    const rebuilt = await loadWorkflowBundle({ dir, onStale: (reason) => stale.push(reason) });
    assert.equal(rebuilt.source, 'built');
    assert.deepEqual(stale, ['rules/lifecycle/commands.ts changed']);
    assert.equal(staleReason(manifest(), code()), null);
    assert.equal((await loadWorkflowBundle({ dir })).source, 'cache');
  });

  it('keeps no bundle when an input was saved while webpack ran', async () => {
    // An input saved during the build is one whose modification time is after the build began:
    // staged by dating one ahead (restored after), since a real edit cannot be timed into the build.
    const commands = path.resolve('rules/lifecycle/commands.ts');
    const { atime, mtime } = statSync(commands);
    const other = mkdtempSync(path.join(os.tmpdir(), 'workflow-bundle-'));
    const stale: string[] = [];
    utimesSync(commands, atime, new Date(Date.now() + 60_000));
    try {
      const loaded = await loadWorkflowBundle({ dir: other, onStale: (reason) => stale.push(reason) });
      assert.equal(loaded.source, 'built');
    } finally {
      utimesSync(commands, atime, mtime);
    }
    assert.deepEqual(stale, ['rules/lifecycle/commands.ts changed while webpack read it: the bundle is not kept']);
    assert.equal((await loadWorkflowBundle({ dir: other })).source, 'built', 'nothing was kept: the next start builds, and keeps');
    assert.equal((await loadWorkflowBundle({ dir: other })).source, 'cache');
  });

  it('still starts when the bundle cannot be kept', async () => {
    const stale: string[] = [];
    const loaded = await loadWorkflowBundle({ dir: '/dev/null/workflow-bundle', onStale: (reason) => stale.push(reason) });
    assert.equal(loaded.source, 'built');
    assert.match(loaded.bundle.code, /__webpack_module_cache__/);
    assert.equal(stale.length, 1);
    assert.match(stale[0]!, /^the bundle could not be kept in \/dev\/null\/workflow-bundle: /);
  });
});
