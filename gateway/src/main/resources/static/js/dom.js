// Element builders: text always goes in as text nodes, never as HTML (listings come from partners).

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(element, props, children) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2).toLowerCase(), value);
    }
    else if (key === 'dataset') {
      Object.assign(element.dataset, value);
    }
    else {
      element.setAttribute(key === 'className' ? 'class' : key, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** An HTML element: h('a', { href: '#x', className: 'y' }, 'text', otherNode). */
export function h(tag, props, ...children) {
  return build(document.createElement(tag), props, children);
}

/** An SVG element, same shape as h(). */
export function s(tag, props, ...children) {
  return build(document.createElementNS(SVG_NS, tag), props, children);
}

export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  return build(parent, null, children);
}

/** Says something to screen readers (and shows it) in the page's live region. */
export function announce(message, { error = false } = {}) {
  const region = document.getElementById(error ? 'alerts' : 'status');
  if (error) {
    region.append(h('p', { className: 'alert', role: 'alert' }, message,
      h('button', { type: 'button', className: 'link', onClick: (event) => event.target.parentElement.remove() }, 'Dismiss')));
  }
  else {
    region.textContent = message;
  }
}

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function formatMoney(amount, currency) {
  if (amount === null || amount === undefined) {
    return '–';
  }
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  }
  catch {
    return `${numberFormat.format(amount)} ${currency}`;
  }
}

export function formatNumber(value) {
  return numberFormat.format(value);
}
