// Go's net/http with its defaults (its client follows up to 10 redirects), reading the whole body.
// Usage: go-fetch URL [BODY]: a GET, or a POST of BODY. Exits 1 on a transport error, a truncated body or a status
// of 400 or more.
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
)

func main() {
	var response *http.Response
	var err error
	if len(os.Args) > 2 {
		response, err = http.Post(os.Args[1], "text/plain", strings.NewReader(os.Args[2]))
	} else {
		response, err = http.Get(os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "request failed:", err)
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
