// The harness page as a portal writes it today (index.html): <motcua-procedure
// src="./procedures/<id>.js"> on ?procedure=<id>; the element imports the procedure itself.
/* global location */
import { mount } from './harness.js';

const id = new URLSearchParams(location.search).get('procedure') ?? 'birth-registration';
mount({ id, src: `./procedures/${id}.js` });
