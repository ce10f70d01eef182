import { mount } from 'svelte';
import App from './App.svelte';
import { recordFrameTimes } from './lib/perf.ts';
import './app.css';

if (new URLSearchParams(location.search).get('perf') === '1') {
  recordFrameTimes();
}

const target = document.getElementById('app');
if (!target) throw new Error('main: the page has no #app element');

mount(App, { target });
