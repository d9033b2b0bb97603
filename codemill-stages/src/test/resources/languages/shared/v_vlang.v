fn main() {
	for {
		println('hi')
		break
	}
}
