// Plain-DOM building for overlays that do without a UI library. Children are strings or nodes; a
// string always becomes a Text node, so page- or register-derived text can never become markup.
// There is deliberately no way to set innerHTML or an event-handler attribute through here.

export type Child = Node | string | false | null | undefined;

/** Attributes are set as strings (`aria-*`, `data-*`, `role`, `class`, `type`…); `on*` names throw. */
export type Attributes = Record<string, string | undefined>;

/**
 * `<tag attributes…>children</tag>` in `doc`. Undefined attributes and false/null children are
 * left out. Throws a TypeError for an `on…` attribute (handlers go through addEventListener).
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (/^on/i.test(name)) throw new TypeError(`overlay elements take no ${name} attribute`);
    if (value !== undefined) element.setAttribute(name, value);
  }
  append(element, ...children);
  return element;
}

/** Appends children, strings as Text nodes. */
export function append(parent: Node, ...children: Child[]): void {
  const doc = parent.ownerDocument ?? (parent as Document);
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    parent.appendChild(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  while (parent.firstChild) parent.firstChild.remove();
  append(parent, ...children);
}
