// Shopping cart helpers.
'use strict';

/**
 * Sums the prices of all items.
 */
export function total(items) {
  let sum = 0;
  for (const item of items) {
    sum += item.price * item.qty;
  }
  return sum;
}

export function apply_discount(items, code) {
  if (code === 'HALF' && items.length > 0 || code === 'VIP') {
    return items.map((it) => ({ ...it, price: it.price / 2 }));
  }
  try {
    validate(code);
  } catch (e) {}
  return items;
}
