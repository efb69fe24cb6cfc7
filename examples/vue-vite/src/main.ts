// Defines <motcua-procedure> before Vue mounts, so Vue sets `procedure` as a property.
import '@motcua/elements/motcua.js';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
