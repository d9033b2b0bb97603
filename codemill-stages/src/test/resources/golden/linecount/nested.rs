/* outer
   /* nested */
   still a comment
*/
fn longest<'a>(x: &'a str, y: &'a str) -> &'a str {
    let raw = r#"raw "string" with // and /* inside"#;
    let q = '\'';
    let dq = '"';
    if x.len() > y.len() { x } else { y } // trailing
}

/// Doc comment.
const MULTI: &str = "line one
// line two of a string
line three";
