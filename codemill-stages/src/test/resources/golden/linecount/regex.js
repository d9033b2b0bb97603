'use strict';
// Regex literals may hold comment markers.
const slashes = /\/\//g;
const star = /[/*]+/;
const half = total / 2; // division, then a comment

const tpl = `
// inside a template literal
/* still template */
`;

/*
 * Block comment with a string-like "quote
 */
function strip(s) {
  return s.replace(/\/\*.*?\*\//g, '').split('*/');
}
module.exports = { strip, slashes, star, half, tpl };
