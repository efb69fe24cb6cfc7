import { motcuaProcedures } from '@motcua/core/compiler';
import { pack as vn } from '@motcua/vn/pack';
import { defineConfig } from 'vite';

export default defineConfig({
  // `import x from './x.procedure.json'` gives the compiled procedure, whose runtime import is
  // this app's own `@motcua/core`: one copy of the engine for the element and the procedure.
  plugins: [motcuaProcedures({ packs: [vn] })],
  // JSX without @vitejs/plugin-react (no Fast Refresh): Vite's esbuild reads tsconfig's `jsx`.
});
