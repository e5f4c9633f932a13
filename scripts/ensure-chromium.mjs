#!/usr/bin/env node
// Before the tests: the browser tests need Debian's Chromium. Installs it where we can (root with
// apt-get); otherwise says how, loudly, and the browser tests skip themselves (CI always installs it).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const root = typeof process.getuid === 'function' && process.getuid() === 0;
const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (root && apt && !process.env.CHROMIUM_PATH) {
  console.log('--- Chromium not found: installing Debian\'s chromium package for the browser tests (about a minute)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const ok = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env }).status === 0 &&
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env }).status === 0;
  if (ok && existsSync(path)) process.exit(0);
}
console.error(`
************************************************************************************
  No Chromium at ${path}: the browser tests (test/browser) will be SKIPPED.
  Install it with:  sudo apt-get install chromium   (Debian/Ubuntu)
  or point CHROMIUM_PATH at a Chromium or Chrome binary.
************************************************************************************
`);
