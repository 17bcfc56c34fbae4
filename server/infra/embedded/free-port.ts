import { createServer } from 'node:net'

// Asks the kernel for an unused loopback port. Another process can grab it between
// close() and the child's bind; callers accept that small race (ports are not reused quickly).
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => (port ? resolve(port) : reject(new Error('could not determine a free port'))))
    })
  })
}
