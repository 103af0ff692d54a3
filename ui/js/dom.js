// Builds DOM nodes from data with textContent only: emails, error texts and reasons from Google
// never reach innerHTML, so nothing in them can run as markup.

/**
 * h('span', { class: 'pill ok', title: 'x', style: { width: '40%' }, onclick: fn }, 'text', otherNode)
 * Attributes named on* become listeners; `null`/`undefined`/`false` attributes and children are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    // Through the CSSOM: the page's CSP refuses style attributes, not style properties.
    else if (name === 'style') Object.assign(el.style, value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

export const $ = (id) => document.getElementById(id);

/** A link only for http(s) addresses; undefined for anything else (a `javascript:` URL in an answer). */
export function safeLink(href, text) {
  try {
    const url = new URL(href);
    if (url.protocol === 'https:' || url.protocol === 'http:') {
      return h('a', { href: url.href, target: '_blank', rel: 'noopener noreferrer' }, text);
    }
  } catch {
    // not a URL
  }
  return undefined;
}

/** A short message at the bottom right that goes away by itself. */
export function toast(text, kind = 'info') {
  const el = h('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
  $('toasts').append(el);
  setTimeout(() => el.classList.add('toast-out'), 4000);
  setTimeout(() => el.remove(), 4500);
}
