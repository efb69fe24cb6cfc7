import { motcuaProcedures } from '@motcua/core/compiler';
import { pack as vn } from '@motcua/vn/pack';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    // Tags starting with `motcua-` are custom elements, not Vue components to resolve.
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('motcua-') } } }),
    motcuaProcedures({ packs: [vn] }),
  ],
});
