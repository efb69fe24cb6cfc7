import { motcuaProcedures } from '@motcua/core/compiler';
import { pack as vn } from '@motcua/vn/pack';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [svelte(), motcuaProcedures({ packs: [vn] })],
});
