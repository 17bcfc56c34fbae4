// Runs once, on the first start of an empty MongoDB volume (docker-entrypoint-initdb.d),
// as the root user: creates the hub's own user with readWrite on its database only.
const username = process.env.MONGO_APP_USERNAME || 'switchboard'
const password = process.env.MONGO_APP_PASSWORD
if (!password) throw new Error('MONGO_APP_PASSWORD is not set: the hub user cannot be created')

const hubDb = db.getSiblingDB('switchboard')
if (hubDb.getUser(username)) {
  print(`create-app-user: user ${username} already exists`)
} else {
  hubDb.createUser({ user: username, pwd: password, roles: [{ role: 'readWrite', db: 'switchboard' }] })
  print(`create-app-user: created ${username} (readWrite on switchboard)`)
}
