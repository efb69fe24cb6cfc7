// For `tsc`, which does not read .svelte files (svelte-check does): a file is a component.
declare module '*.svelte' {
  import type { Component } from 'svelte';
  const component: Component;
  export default component;
}
