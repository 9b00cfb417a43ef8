// Go's net/http client with its defaults: HTTP/1.1 to http:// URLs, HTTP/2 to https:// ones (by ALPN), trusting any
// certificate, as curl -k does. It counts the connections that carried a request (httptrace's GotConn, not reused):
// twelve at once, it dials one for each request that finds none and closes those it does not need, uncounted.
// Usage: go run go-matrix.go URLS_JSON GAP_MS sequential|burst
package main

import (
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

type run struct {
	Sent        int     `json:"sent"`
	Answered    int     `json:"answered"`
	Connections int64   `json:"connections"`
	Error       *string `json:"error"`
}

func main() {
	var urls []string
	if err := json.Unmarshal([]byte(os.Args[1]), &urls); err != nil {
		panic(err)
	}
	gap, err := strconv.Atoi(os.Args[2])
	if err != nil {
		panic(err)
	}
	// A clone keeps ForceAttemptHTTP2, which a custom TLS config would otherwise turn off.
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
	client := &http.Client{Transport: transport}
	var used int64
	trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		if !info.Reused {
			atomic.AddInt64(&used, 1)
		}
	}}
	failures := make([]string, len(urls))
	if os.Args[3] == "burst" {
		var all sync.WaitGroup
		for i, url := range urls {
			all.Add(1)
			go func(i int, url string) {
				defer all.Done()
				failures[i] = get(client, trace, url)
			}(i, url)
		}
		all.Wait()
	} else {
		for i, url := range urls {
			failures[i] = get(client, trace, url)
			time.Sleep(time.Duration(gap) * time.Millisecond)
		}
	}
	result := run{Sent: len(urls), Connections: atomic.LoadInt64(&used)}
	for _, e := range failures {
		if e == "" {
			result.Answered++
		} else if result.Error == nil {
			first := e
			result.Error = &first
		}
	}
	out, _ := json.Marshal(result)
	fmt.Println(string(out))
}

// get sends one GET and reads its whole body: "" when it was answered 200, else what went wrong.
func get(client *http.Client, trace *httptrace.ClientTrace, target string) string {
	request, err := http.NewRequest("GET", target, nil)
	if err != nil {
		return err.Error()
	}
	request = request.WithContext(httptrace.WithClientTrace(request.Context(), trace))
	request.Header.Set("User-Agent", "keepalive-matrix")
	response, err := client.Do(request)
	if failed, ok := err.(*url.Error); ok {
		return failed.Err.Error() // without the URL, which would fill the cell
	} else if err != nil {
		return err.Error()
	}
	defer response.Body.Close()
	if _, err := io.Copy(io.Discard, response.Body); err != nil {
		return err.Error()
	}
	if response.StatusCode != 200 {
		return fmt.Sprintf("status %d", response.StatusCode)
	}
	return ""
}
