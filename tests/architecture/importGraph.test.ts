// The import graph's rules (.dependency-cruiser.cjs, docs/architecture.md): no circle, rules/
// imports nothing of ours, statistics/ and telephony/ nothing of the API's, the product never imports the
// development stand-ins in dev/, the console's desks stand alone. Checked
// over every folder tsconfig.json includes plus the console, so a new folder is covered too.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config/env';

const CONFIG = path.join(PROJECT_ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'depcruise');

function cruise(cwd: string, folders: string[]): { status: number | null; output: string } {
  const result = spawnSync(DEPCRUISE, ['--config', CONFIG, '--output-type', 'err', ...folders], { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function sourceFolders(): string[] {
  const { include } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'tsconfig.json'), 'utf8')) as { include: string[] };
  return [...include, 'admin-ui/src'];
}

describe('import graph', () => {
  it('has no circle, no arrow out of rules/, none from lib/ to what uses it, none from the API to the activities or from statistics/ or telephony/ to the API, and none from the product into dev/', function () {
    this.timeout(120_000);
    const { status, output } = cruise(PROJECT_ROOT, sourceFolders());
    assert.equal(status, 0, output);
    assert.match(output, /no dependency violations found \((\d{3,}) modules/);
  });

  it('names each kind of violation it is there to catch', function () {
    this.timeout(60_000);
    // A small tree with one of each: a circle in api/, rules/ importing api/ and node:fs, api/
    // importing dev/.
    const root = mkdtempSync(path.join(os.tmpdir(), 'import-graph-'));
    try {
      const write = (file: string, text: string) => {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), text);
      };
      write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true } }));
      write('rules/kernel.ts', "import { a } from '../api/a';\nimport { readFileSync } from 'node:fs';\nexport const kernel = [a, readFileSync];\n");
      write('api/a.ts', "import { b } from './b';\nimport { stand } from '../dev/standIn';\nexport const a = () => [b, stand];\n");
      write('api/b.ts', "import { a } from './a';\nexport const b = () => a;\n");
      write('dev/standIn.ts', 'export const stand = 1;\n');
      write('telephony/adapter.ts', "import { a } from '../api/a';\nexport const adapter = a;\n");
      write('lib/shared.ts', "import { adapter } from '../telephony/adapter';\nexport const shared = adapter;\n");
      write('activities/step.ts', 'export const step = 1;\n');
      write('api/c.ts', "import { step } from '../activities/step';\nexport const c = step;\n");
      write('admin-ui/src/page.ts', "import type { Figures } from '../../statistics/figures';\nimport { b } from '../../api/b';\nexport const page = (f: Figures) => [f, b];\n");
      write('statistics/figures.ts', "import { b } from '../api/b';\nexport type Figures = number;\nexport const figures = b;\n");
      // The console: a desk taking another desk's file, a resource taking a desk's, the shell
      // taking a desk's or the registry; the registry itself takes the desks.
      write('admin-ui/src/desks/admin/AdminHome.ts', 'export const AdminHome = 1;\n');
      write('admin-ui/src/desks/admin/desk.ts', "import { AdminHome } from './AdminHome';\nexport const adminDesk = AdminHome;\n");
      write('admin-ui/src/desks/supervisor/board.ts', "import { AdminHome } from '../admin/AdminHome';\nexport const board = AdminHome;\n");
      write('admin-ui/src/resources/cases/show.ts', "import { board } from '../../desks/supervisor/board';\nexport const show = board;\n");
      write('admin-ui/src/shell/layout.ts', "import { board } from '../desks/supervisor/board';\nexport const layout = board;\n");
      write('admin-ui/src/shell/menu.ts', "import { FEATURES } from '../features';\nexport const menu = FEATURES;\n");
      write('admin-ui/src/features.ts', "import { adminDesk } from './desks/admin/desk';\nexport const FEATURES = [adminDesk];\n");
      const { status, output } = cruise(root, ['rules', 'api', 'dev', 'statistics', 'telephony', 'lib', 'activities', 'admin-ui/src']);
      assert.notEqual(status, 0, output);
      assert.match(output, /no-circular: api\/a\.ts/);
      assert.match(output, /rules-kernel-is-pure: rules\/kernel\.ts → api\/a\.ts/);
      assert.match(output, /rules-kernel-is-pure: rules\/kernel\.ts → (node:)?fs/);
      assert.match(output, /product-without-dev-stand-ins: api\/a\.ts → dev\/standIn\.ts/);
      assert.match(output, /statistics-without-http: statistics\/figures\.ts → api\/b\.ts/);
      assert.match(output, /telephony-is-the-adapter: telephony\/adapter\.ts → api\/a\.ts/);
      assert.match(output, /lib-is-shared: lib\/shared\.ts → telephony\/adapter\.ts/);
      assert.match(output, /api-without-activities: api\/c\.ts → activities\/step\.ts/);
      assert.match(output, /console-takes-only-types-from-the-server: admin-ui\/src\/page\.ts → api\/b\.ts/);
      assert.doesNotMatch(output, /admin-ui\/src\/page\.ts → statistics\/figures\.ts/);
      assert.match(output, /console-desks-stand-alone: admin-ui\/src\/desks\/supervisor\/board\.ts → admin-ui\/src\/desks\/admin\/AdminHome\.ts/);
      assert.doesNotMatch(output, /console-desks-stand-alone: admin-ui\/src\/desks\/admin\/desk\.ts/, 'a desk takes its own files');
      assert.match(output, /console-resources-without-desks: admin-ui\/src\/resources\/cases\/show\.ts → admin-ui\/src\/desks\/supervisor\/board\.ts/);
      assert.match(output, /console-shell-is-the-ground: admin-ui\/src\/shell\/layout\.ts → admin-ui\/src\/desks\/supervisor\/board\.ts/);
      assert.match(output, /console-shell-is-the-ground: admin-ui\/src\/shell\/menu\.ts → admin-ui\/src\/features\.ts/);
      assert.doesNotMatch(output, /admin-ui\/src\/features\.ts →/, 'the registry lists the desks');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
