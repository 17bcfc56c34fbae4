// `npm test`: installs what the tests need (Redis, the FerretDB binary), builds the browser apps,
// then runs the unit and integration projects on real FerretDB + Redis.
import { spawnSync } from 'node:child_process'

function run(command, args) {
  console.log(`\n[test] ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

run('npx', ['tsx', 'scripts/setup.ts'])
run('npm', ['run', 'build:ui'])
run('npx', ['vitest', 'run', '--project', 'unit', '--project', 'integration'])
