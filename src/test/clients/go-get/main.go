// Go's net/http with its defaults (http.Get follows up to 10 redirects), reading the whole body.
// Usage: go-get URL. Exits 1 on a transport error, a truncated body or a status of 400 or more.
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
)

func main() {
	response, err := http.Get(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "get failed:", err)
		os.Exit(1)
	}
	defer response.Body.Close()
	n, err := io.Copy(io.Discard, response.Body)
	if err != nil {
		fmt.Fprintf(os.Stderr, "body failed after %d bytes: %v\n", n, err)
		os.Exit(1)
	}
	fmt.Printf("status %d, %d bytes\n", response.StatusCode, n)
	if response.StatusCode >= 400 {
		os.Exit(1)
	}
}
