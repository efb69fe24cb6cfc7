// The page's code in a fresh project: the element from @motcua/elements and a procedure module
// made by the installed `motcua build` (which imports the engine as `@motcua/core`, so the
// bundler gives the page one engine shared by the element and the procedure).
/* global console, document */
import { defineMotcuaProcedure } from '@motcua/elements';
import procedure from './procedures/criminal-record.js';

defineMotcuaProcedure();
const element = document.querySelector('motcua-procedure');
element.procedure = procedure;
element.addEventListener('motcua-submitted', (event) => {
  console.log('dossier code', event.detail.receipt);
});
