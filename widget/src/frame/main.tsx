/** Entry of frame.html: reads the query string, sets the document language, renders the panel. */
import { render } from 'preact'
import { FRAME_STRINGS } from '../i18n/catalogues.js'
import { FALLBACK_LANGUAGE } from '../i18n/languages.js'
import { App } from './app.js'
import { readFrameParams } from './params.js'
import './styles.css'

const params = readFrameParams(location.search, navigator.languages ?? [])
const lang = params?.lang ?? FALLBACK_LANGUAGE
document.documentElement.lang = lang

const root = document.getElementById('app')
if (root) {
  render(
    params ? (
      <App params={params} />
    ) : (
      <p role="alert" class="fatal">
        {FRAME_STRINGS[lang].errorUnavailable}
      </p>
    ),
    root,
  )
}
