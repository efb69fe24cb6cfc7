// @ts-check
// The Custom Elements Manifest of <motcua-procedure> (custom-elements.json), read by
// scripts/elements-manifest.mjs, which also makes the React/Preact, Vue and VS Code types from it
// and docs/elements-api.md. Run it with `node scripts/elements-manifest.mjs`, not the analyzer's
// own CLI: the script formats and checks what the analyzer writes.
//
// The analyzer reads the class's JSDoc (`@fires`, `@slot`, `@csspart`, `@cssprop`, `@prop`) and
// Lit's `@property()` decorators. The plugin below fixes what it cannot know from the source:
//   - `@state()` accessors are Lit's internal reactive state, not API: dropped, as are `#private`
//     and protected members (Lit's lifecycle overrides such as `getUpdateComplete`);
//   - every event's detail type comes from `MotcuaEventMap`, the one list the code dispatches
//     with, so the manifest cannot drift from it (a `@fires` without an entry fails, and so does
//     an entry without a `@fires`);
//   - the tag is defined by `defineMotcuaProcedure(tag)` with a variable tag, so the tag name and
//     the definition export are set here;
//   - `lang` (the element observes it to switch language) is the inherited `HTMLElement.lang`.

/** The file whose class is the element, relative to this package. */
const ELEMENT_MODULE = 'src/procedure-element.ts';
const ELEMENT_CLASS = 'MotcuaProcedure';
const TAG = 'motcua-procedure';
/**
 * Attributes whose text is not their property's type: `files-at-counter` is a boolean property
 * that defaults to true, so its converter reads the text "false" as off (a boolean attribute's
 * absence could not say it). The analyzer sees only the property's type.
 */
const ATTRIBUTE_TYPES = { 'files-at-counter': "'true' | 'false'" };

/**
 * @returns {import('@custom-elements-manifest/analyzer').Plugin}
 */
function motcuaManifestPlugin() {
  /** Names of the element class's internal state: `@state()` accessors, `{state: true}`. */
  const stateMembers = new Set();
  /** @type {Map<string, string>} event name → the detail type's source text */
  const eventDetails = new Map();

  return {
    name: 'motcua-manifest',
    analyzePhase({ ts, node, moduleDoc }) {
      if (moduleDoc.path !== ELEMENT_MODULE) return;
      if (ts.isClassDeclaration(node) && node.name?.text === ELEMENT_CLASS) {
        for (const member of node.members) {
          const decorators = ts.canHaveDecorators(member) ? (ts.getDecorators(member) ?? []) : [];
          const isState = decorators.some(
            (decorator) =>
              ts.isCallExpression(decorator.expression) &&
              decorator.expression.expression.getText() === 'state',
          );
          if (isState && member.name) stateMembers.add(member.name.getText());
          // `static properties = { snapshot: { state: true }, … }`: Lit's internal state.
          if (
            ts.isPropertyDeclaration(member) &&
            member.name.getText() === 'properties' &&
            member.initializer &&
            ts.isObjectLiteralExpression(member.initializer)
          ) {
            for (const entry of member.initializer.properties) {
              if (
                ts.isPropertyAssignment(entry) &&
                ts.isObjectLiteralExpression(entry.initializer) &&
                entry.initializer.properties.some(
                  (option) =>
                    ts.isPropertyAssignment(option) &&
                    option.name.getText() === 'state' &&
                    option.initializer.kind === ts.SyntaxKind.TrueKeyword,
                )
              ) {
                stateMembers.add(entry.name.getText());
              }
            }
          }
        }
      }
      if (ts.isInterfaceDeclaration(node) && node.name.text === 'MotcuaEventMap') {
        for (const member of node.members) {
          if (!ts.isPropertySignature(member) || !member.type || !member.name) continue;
          const name = ts.isStringLiteral(member.name) ? member.name.text : member.name.getText();
          const type = member.type;
          const detail =
            ts.isTypeReferenceNode(type) &&
            type.typeName.getText() === 'CustomEvent' &&
            type.typeArguments?.length === 1
              ? type.typeArguments[0]
              : undefined;
          if (!detail) {
            throw new Error(
              `${ELEMENT_MODULE}: MotcuaEventMap['${name}'] is not CustomEvent<Detail>; ` +
                'the manifest takes each event’s detail type from it.',
            );
          }
          // One line, single spaces: the type as a reader sees it in the docs and the types.
          eventDetails.set(name, detail.getText().replace(/\s+/g, ' '));
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      // The schema's types do not resolve from here: `any`, checked by the test of the manifest.
      for (const mod of /** @type {any[]} */ (customElementsManifest.modules)) {
        // Only what a module exports is API (the analyzer also lists local variables).
        const exported = new Set(
          (mod.exports ?? []).flatMap((/** @type {any} */ entry) =>
            entry.kind === 'js' ? [entry.declaration.name] : [],
          ),
        );
        mod.declarations = (mod.declarations ?? []).filter((/** @type {any} */ declaration) =>
          exported.has(declaration.name),
        );
        mod.exports = (mod.exports ?? []).map((/** @type {any} */ entry) =>
          entry.kind === 'custom-element-definition'
            ? {
                kind: 'custom-element-definition',
                name: TAG,
                declaration: { name: ELEMENT_CLASS, module: ELEMENT_MODULE },
              }
            : entry,
        );
        for (const declaration of mod.declarations) {
          if (declaration.kind !== 'class' || declaration.name !== ELEMENT_CLASS) continue;
          cleanElement(declaration);
        }
      }
    },
  };

  /** @param {any} element the element's class declaration in the manifest */
  function cleanElement(element) {
    // Not `@tag` in the doc comment: TypeDoc does not know that tag, and the tag is this file's
    // fact (a host may define the class under another name).
    element.tagName = TAG;
    element.members = (element.members ?? []).filter(
      (/** @type {any} */ member) =>
        !stateMembers.has(member.name) &&
        !member.name.startsWith('#') &&
        !member.name.startsWith('_') &&
        member.privacy !== 'private' &&
        member.privacy !== 'protected',
    );
    element.attributes = (element.attributes ?? []).filter(
      (/** @type {any} */ attribute) => !stateMembers.has(attribute.fieldName),
    );
    for (const attribute of element.attributes) {
      const type = ATTRIBUTE_TYPES[/** @type {keyof typeof ATTRIBUTE_TYPES} */ (attribute.name)];
      if (type) attribute.type = { text: type };
    }
    // `lang` is observed (static observedAttributes) and documented by `@prop lang`: one
    // attribute backed by the inherited property, described once.
    const lang = element.members.find((/** @type {any} */ member) => member.name === 'lang');
    const langAttribute = (element.attributes ?? []).find(
      (/** @type {any} */ attribute) => attribute.name === 'lang',
    );
    if (lang && langAttribute) {
      lang.attribute = 'lang';
      lang.type ??= { text: 'string' };
      langAttribute.fieldName = 'lang';
      langAttribute.type ??= { text: 'string' };
      langAttribute.description ??= lang.description;
    }

    // `#emit(type, detail)` dispatches `new CustomEvent(type, …)`: the analyzer takes `type` for
    // an event name. The real names are MotcuaEventMap's keys.
    const documented = (element.events ?? []).filter((/** @type {any} */ event) =>
      eventDetails.has(event.name),
    );
    const missing = [...eventDetails.keys()].filter(
      (name) => !documented.some((/** @type {any} */ event) => event.name === name),
    );
    if (missing.length > 0) {
      throw new Error(
        `${ELEMENT_MODULE}: MotcuaEventMap has ${missing.join(', ')} without a \`@fires\` line ` +
          `in the ${ELEMENT_CLASS} doc comment; add \`@fires ${missing[0]} - what it means\`.`,
      );
    }
    const undeclared = (element.events ?? []).filter(
      (/** @type {any} */ event) => event.description && !eventDetails.has(event.name),
    );
    if (undeclared.length > 0) {
      throw new Error(
        `${ELEMENT_MODULE}: \`@fires ${undeclared[0].name}\` is not in MotcuaEventMap; add it ` +
          'there with its detail type, or fix the name.',
      );
    }
    element.events = documented.map((/** @type {any} */ event) => ({
      ...event,
      type: { text: eventDetails.get(event.name) },
    }));

    const undocumented = [
      ...['members', 'attributes', 'events', 'slots', 'cssParts', 'cssProperties'].flatMap((key) =>
        (element[key] ?? [])
          .filter((/** @type {any} */ item) => !item.description)
          .map((/** @type {any} */ item) => `${key} ${item.name}`),
      ),
    ];
    if (undocumented.length > 0) {
      throw new Error(
        `${ELEMENT_MODULE}: ${ELEMENT_CLASS} has undocumented API: ${undocumented.join(', ')}. ` +
          'Give each a doc comment (or `@attr`, `@fires`, `@slot`, `@csspart`, `@cssprop` line).',
      );
    }
  }
}

export default {
  globs: [ELEMENT_MODULE, 'src/define.ts'],
  litelement: true,
  // scripts/elements-manifest.mjs writes the manifest itself, and package.json names it already.
  packagejson: false,
  quiet: true,
  plugins: [motcuaManifestPlugin()],
};
