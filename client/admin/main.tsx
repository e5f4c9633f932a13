/** The admin interface's entry: served at /admin and below, and nowhere else. */
import { render } from 'preact';
import { App } from './App.js';

render(<App />, document.getElementById('app')!);
document.documentElement.dataset.ready = '1';
