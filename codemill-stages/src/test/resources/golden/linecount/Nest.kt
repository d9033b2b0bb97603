/* outer /* inner */ still outer */
package demo

fun main() {
    val raw = """
        /* not a comment
        // nor this
    """
    val c = '"'
    println(raw + c) // trailing
}
