package main

import "fmt"

/*
Package comment
*/

const usage = `usage:
  // not a comment
  tool [flags]`

func main() {
	r := '"'
	s := "/*"
	fmt.Println(usage, r, s) // done
}
