// `npm test`: installs what the tests need (Redis, the FerretDB binary, Debian's Chromium, Dovecot), builds
// the browser apps, then runs unit, integration (real FerretDB + Redis) and end-to-end (Chromium) tests.
import { spawnSync } from 'node:child_process'

function run(command, args) {
  console.log(`\n[test] ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

run('npx', ['tsx', 'scripts/setup.ts', '--chromium', '--dovecot'])
run('npm', ['run', 'build:ui'])
run('npx', ['vitest', 'run', '--project', 'unit', '--project', 'integration'])
run('npx', ['vitest', 'run', '--project', 'e2e'])
