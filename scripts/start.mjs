// `npm start`: builds the browser apps when they are missing, then runs the hub
// (which starts embedded FerretDB and Redis when MONGODB_URI / REDIS_URL are unset).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

if (!process.env.MONGODB_URI || !process.env.REDIS_URL) run('npx', ['tsx', 'scripts/setup.ts'])
if (!existsSync('dist/widget/widget.js') || !existsSync('dist/inbox/index.html')) run('npm', ['run', 'build:ui'])
const hub = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...process.argv.slice(2)], { stdio: 'inherit' })
// Ctrl-C reaches the hub too (same process group); wait for it to stop its services.
process.on('SIGINT', () => {})
process.on('SIGTERM', () => hub.kill('SIGTERM'))
hub.on('exit', (code) => process.exit(code ?? 0))
