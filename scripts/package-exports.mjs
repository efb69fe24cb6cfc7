// Reading a workspace package's `exports`, shared by the Rollup build and the TypeDoc plugin.

/**
 * The `exports` field as a map of subpath → target. `"exports": {"source": …, "default": …}` is
 * shorthand for `{".": {…}}`.
 * @param {{exports?: unknown}} manifest a package.json
 * @returns {Record<string, unknown>}
 */
export function exportMap(manifest) {
  const field = manifest.exports;
  if (!field || typeof field !== 'object') return {};
  return Object.keys(field).some((key) => key.startsWith('.')) ? field : { '.': field };
}
