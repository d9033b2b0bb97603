import scala.collection.mutable
val xs = mutable.ArrayBuffer(1, 2)
