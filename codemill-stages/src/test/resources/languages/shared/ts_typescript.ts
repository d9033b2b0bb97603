const xml = '<?xml version="1.0"?><a/>';
export function f(n: number): string { return xml + n; }
