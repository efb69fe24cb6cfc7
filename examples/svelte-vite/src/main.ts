// Defines <motcua-procedure> before Svelte renders, so Svelte sets `procedure` as a property.
import '@motcua/elements/motcua.js';
import { mount } from 'svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
