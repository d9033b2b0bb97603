/* outer
   /* inner */
*/
import Foundation

let raw = #"raw with "quotes" and // slashes"#
let multi = """
    // inside a multi-line string
    """
// comment
print(raw, multi)
