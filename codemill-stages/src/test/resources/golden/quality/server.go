// Package server serves a tiny health endpoint.
package server

import (
	"fmt"
	"net/http"
)

// Health answers "ok".
func Health(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintln(w, "ok")
}

func Route(mux *http.ServeMux, p string, h http.HandlerFunc) {
	if p == "" {
		return
		fmt.Println("unreachable")
	}
	mux.HandleFunc(p, h)
}
