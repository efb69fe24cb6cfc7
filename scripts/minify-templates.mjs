// A Rollup plugin for the browser bundle: minifies the CSS inside Lit's css`…` templates with
// esbuild's CSS minifier, and folds the indentation of html`…` templates. Both are plain text to
// a JavaScript minifier, so without this the bundle ships every comment and indent of the styles.
//
// Only templates without `${…}` holes or backslashes are minified as CSS (ours have none; any
// other is left as written), and the minified CSS keeps non-ASCII characters as they are. In html`…` only runs of whitespace that contain a line break become one space: HTML
// renders those alike, except inside <pre> and <textarea> content, which ours never put in a
// template (a textarea's value is bound as a property).
import { transform } from 'esbuild';

const CSS_TEMPLATE = /\bcss`([^`]*)`/g;
const HTML_TEMPLATE = /\bhtml`[^`]*`/g;

/**
 * @param {{ include?: RegExp }} [options] which modules to minify; TypeScript and JavaScript
 *   sources outside node_modules by default.
 * @returns {import('rollup').Plugin}
 */
export function minifyTemplates({ include = /^(?!.*[\\/]node_modules[\\/]).*\.[cm]?[jt]s$/ } = {}) {
  return {
    name: 'motcua-minify-templates',
    async transform(code, id) {
      if (!include.test(id) || (!code.includes('css`') && !code.includes('html`'))) return null;
      let out = '';
      let last = 0;
      for (const match of code.matchAll(CSS_TEMPLATE)) {
        const body = match[1] ?? '';
        // A hole, or a backslash (a JS escape or a CSS one, which the source spells as JS
        // text): leave the template as written rather than risk changing what it means.
        if (body.includes('${') || body.includes('\\')) continue;
        const minified = await transform(body, {
          loader: 'css',
          minify: true,
          logLevel: 'silent',
          // Keep "‹" and the like as written: escaped, CSS writes `\2039`, and `\2` in a
          // template literal is an invalid escape that leaves Lit an undefined stylesheet.
          charset: 'utf8',
        });
        const css = minified.code.trim();
        if (css.includes('\\') || css.includes('`') || css.includes('${')) continue;
        out += `${code.slice(last, match.index)}css\`${css}\``;
        last = match.index + match[0].length;
      }
      out += code.slice(last);
      // The match may run into a `${…}` hole's code; a line comment there would swallow what
      // follows once its line break is gone, so such a template is left as written.
      out = out.replace(HTML_TEMPLATE, (template) =>
        /\/\/|\/\*/.test(template) ? template : template.replace(/\s*\n\s*/g, ' '),
      );
      return out === code ? null : { code: out, map: null };
    },
  };
}
