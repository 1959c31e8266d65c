#!/usr/bin/env node
/**
 * The two commands of the README, runnable with nothing but Node.js 20+:
 *
 *   npm start      set up (install, build) and run Rolegraph with the embedded database
 *   npm run demo   the same, after loading the demo organization
 *   npm test       set up and run every test suite; prints "N passed, N failed"
 *
 * pnpm is the project's package manager; when it is not installed it is
 * fetched with npx at the version pinned in package.json.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const pnpmVersion = pkg.packageManager.replace(/^pnpm@/, '');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function must(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) {
    console.error(`\n✗ ${command} ${args.join(' ')} failed (exit ${status})`);
    process.exit(status);
  }
}

function hasPnpm() {
  const result = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() === pnpmVersion;
}

const pnpm = hasPnpm() ? ['pnpm', []] : ['npx', ['--yes', `pnpm@${pnpmVersion}`]];
function pnpmRun(args, options) {
  must(pnpm[0], [...pnpm[1], ...args], options);
}

function setup() {
  console.log(`▸ Installing dependencies (pnpm ${pnpmVersion})`);
  pnpmRun(['install', '--frozen-lockfile']);
  console.log('▸ Building shared, server and web app');
  pnpmRun(['run', 'build']);
}

function chromiumPath() {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The browser tests drive the system Chromium; install it from Debian's packages when it is missing and we can. */
function ensureChromium() {
  if (chromiumPath()) return chromiumPath();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? [] : spawnSync('sudo', ['-n', 'true']).status === 0 ? ['sudo', '-n'] : null;
  if (sudo && spawnSync('apt-get', ['--version']).status === 0) {
    console.log('▸ Installing Chromium for the browser tests (apt-get install chromium)');
    const [cmd, ...pre] = sudo.length ? sudo : ['apt-get'];
    const args = sudo.length ? [...pre, 'apt-get'] : [];
    run(cmd, [...args, 'update', '-qq'], { stdio: 'ignore' });
    must(cmd, [...args, 'install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  const found = chromiumPath();
  if (!found) {
    console.error('✗ The browser tests need Chromium: install it (e.g. `apt-get install chromium`) or set CHROMIUM_PATH.');
    process.exit(1);
  }
  return found;
}

/** Runs one jest suite with --json and returns its counts. */
function jestSuite(name, cwd, args, env = {}) {
  console.log(`\n▸ ${name}`);
  const out = path.join(os.tmpdir(), `rolegraph-jest-${process.pid}-${name.replace(/\W+/g, '-')}.json`);
  fs.rmSync(out, { force: true });
  const dir = path.join(root, cwd);
  // Each package runs its own jest (its version and config).
  const jestBin = [path.join(dir, 'node_modules', 'jest', 'bin', 'jest.js'), path.join(root, 'node_modules', 'jest', 'bin', 'jest.js')].find((p) =>
    fs.existsSync(p),
  );
  if (!fs.existsSync(dir) || !jestBin)
    return { name, passed: 0, failed: 1, note: `cannot run: ${fs.existsSync(dir) ? 'jest is not installed' : `${cwd}/ is missing`}` };
  try {
    run(process.execPath, [jestBin, '--json', `--outputFile=${out}`, ...args], { cwd: dir, env: { ...process.env, ...env } });
  } catch (error) {
    return { name, passed: 0, failed: 1, note: `jest did not start: ${error instanceof Error ? error.message : error}` };
  }
  if (!fs.existsSync(out)) return { name, passed: 0, failed: 1, note: 'jest did not report (crashed?)' };
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  // Suites that failed to run count as one failure each.
  const brokenSuites = report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
  return { name, passed: report.numPassedTests, failed: report.numFailedTests + brokenSuites };
}

/** A command that either passes or fails as a whole (lint, format check): counted as one test. */
function checkSuite(name, command, args) {
  console.log(`\n▸ ${name}`);
  let status;
  try {
    status = run(command, args);
  } catch (error) {
    return { name, passed: 0, failed: 1, note: `did not start: ${error instanceof Error ? error.message : error}` };
  }
  return status === 0 ? { name, passed: 1, failed: 0 } : { name, passed: 0, failed: 1, note: `exit ${status}` };
}

/**
 * The project owns its documentation: no tracked file may cite the product
 * specification by its section numbers, a document outside the repository that a reader
 * cannot follow. Rules are stated outright or cite docs/. Counted as one test.
 */
function noSpecCitations() {
  const name = 'docs: no file cites the product specification';
  console.log(`\n▸ ${name}`);
  const listed = spawnSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0) return { name, passed: 0, failed: 1, note: 'git ls-files failed' };
  const citing = [];
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (file === 'pnpm-lock.yaml') continue;
    const full = path.join(root, file);
    if (!fs.existsSync(full) || fs.statSync(full).size > 2_000_000) continue;
    const lines = fs.readFileSync(full, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (/\bSPEC\b/.test(line)) citing.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
  for (const line of citing) console.log(`  ${line}`);
  return citing.length === 0 ? { name, passed: 1, failed: 0 } : { name, passed: 0, failed: 1, note: `${citing.length} citation(s)` };
}

function test() {
  setup();
  const chromium = ensureChromium();
  const results = [];
  const bin = (name) => path.join(root, 'node_modules', '.bin', name);
  results.push(checkSuite('lint: eslint (layers kept apart)', bin('eslint'), ['.']));
  results.push(checkSuite('format: prettier --check', bin('prettier'), ['--check', '.']));
  results.push(noSpecCitations());
  const embedded = { DATABASE_URL: '' };
  results.push(jestSuite('server: unit and integration tests, embedded PGlite', 'server', [], embedded));
  if (process.env.DATABASE_URL) {
    results.push(
      jestSuite('server: integration and security tests, PostgreSQL', 'server', ['test/integration', 'test/security'], {
        DATABASE_URL: process.env.DATABASE_URL,
      }),
    );
  }
  results.push(jestSuite('client: @rolegraph/client against the built server', 'client', ['--runInBand'], embedded));
  results.push(jestSuite('web: component tests', 'web', []));
  results.push(jestSuite('e2e: browser tests in Chromium', 'e2e', ['--runInBand'], { CHROMIUM_PATH: chromium, DATABASE_URL: '' }));
  console.log('\nSummary');
  for (const r of results) console.log(`  ${r.name}: ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ''}`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

/** The server runs in production mode (graphql-js and express skip their development checks). */
const SERVER_ENV = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' };

function start() {
  setup();
  must(process.execPath, [path.join(root, 'server', 'dist', 'main.js')], { env: SERVER_ENV });
}

function demo() {
  setup();
  must(process.execPath, [path.join(root, 'server', 'dist', 'bulkImport', 'demoCli.js')]);
  must(process.execPath, [path.join(root, 'server', 'dist', 'main.js')], { env: SERVER_ENV });
}

const commands = { setup, start, test, demo };
const command = commands[process.argv[2]];
if (!command) {
  console.error(`usage: node scripts/rolegraph.mjs ${Object.keys(commands).join('|')}`);
  process.exit(2);
}
command();
