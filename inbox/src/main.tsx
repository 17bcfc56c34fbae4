import { render } from 'preact'
import { App } from './app.js'
import { installTestHook } from './realtime/test-hook.js'
import './styles.css'
import './channel-status.css'
import './routing.css'
import './settings.css'
import './workflow.css'
import './work-orders.css'

installTestHook()
const root = document.getElementById('app')
if (root) render(<App />, root)
