// `npm run typecheck` checks what tsconfig.json includes: a folder of TypeScript left out (as
// worker/ was, so worker/main.ts went unchecked) is type-checked only where something imports it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config/env';

/** Folders with a tsconfig of their own, or not ours. */
const CHECKED_ELSEWHERE = new Set(['admin-ui', 'node_modules']);

function holdsTypeScript(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory() ? holdsTypeScript(path.join(dir, entry.name)) : /\.(ts|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts'),
  );
}

describe('tsconfig.json', () => {
  it('includes every top-level folder and file of TypeScript (admin-ui has its own)', () => {
    const { include } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'tsconfig.json'), 'utf8')) as { include: string[] };
    const sources = readdirSync(PROJECT_ROOT, { withFileTypes: true })
      .filter((entry) => !entry.name.startsWith('.') && !CHECKED_ELSEWHERE.has(entry.name))
      .filter((entry) => (entry.isDirectory() ? holdsTypeScript(path.join(PROJECT_ROOT, entry.name)) : /\.ts$/.test(entry.name)))
      .map((entry) => entry.name);
    assert.deepEqual(sources.filter((name) => !include.includes(name)), []);
  });
});
