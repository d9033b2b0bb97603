/** Generic helpers. */
export interface Box<T> {
  value: T; // the payload
}

export function unbox<T>(b: Box<T>): T {
  const url = "https://example.com/*path";
  return b.value;
}

/*
 multi-line
*/
export const ratio = 10 / 3 / 2;
