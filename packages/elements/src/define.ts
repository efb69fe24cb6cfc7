import { MotcuaProcedure } from './procedure-element.js';

/**
 * Registers `<motcua-procedure>` (or the tag you name, to scope or rename it). Kept apart from
 * the class so that a host can choose the tag and when it is defined.
 *
 * @example
 * defineMotcuaProcedure('dvc-procedure');
 */
export function defineMotcuaProcedure(tag = 'motcua-procedure'): typeof MotcuaProcedure {
  const existing = customElements.get(tag);
  if (existing) return existing as typeof MotcuaProcedure;
  // A subclass per tag: one class can back only one tag in a registry.
  const element = tag === 'motcua-procedure' ? MotcuaProcedure : class extends MotcuaProcedure {};
  customElements.define(tag, element);
  return element;
}

declare global {
  interface HTMLElementTagNameMap {
    'motcua-procedure': MotcuaProcedure;
  }
}
